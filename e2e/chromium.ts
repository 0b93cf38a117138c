import fs from "node:fs";

/**
 * Tests drive Debian's Chromium (never a downloaded browser). CHROMIUM_PATH overrides the path.
 * Flags: SwiftShader gives MapLibre a software WebGL context in headless mode; the network
 * flags stop Chromium phoning home on a closed network.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--use-angle=swiftshader",
  "--enable-unsafe-swiftshader",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
  "--no-first-run",
];

export function chromiumAvailable(): boolean {
  return fs.existsSync(CHROMIUM_PATH);
}
