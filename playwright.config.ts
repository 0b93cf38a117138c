import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";
import { E2E_DEMO_PASSWORD, storageStatePath } from "./e2e/accounts";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./e2e/chromium";

const PORT = Number(process.env.E2E_PORT ?? 3210);
// A fresh embedded database per run, so the suite tests the zero-setup path a new user takes.
const DATA_DIR = process.env.E2E_DATA_DIR ?? path.join(os.tmpdir(), `grid-atlas-e2e-${process.pid}`);
// The setup project signs in with it; the server prints and uses it for the demo accounts.
process.env.DEMO_PASSWORD = E2E_DEMO_PASSWORD;

export default defineConfig({
  testDir: "./e2e",
  timeout: 90_000,
  expect: { timeout: 30_000 },
  workers: 1,
  reporter: [["list"]],
  outputDir: "test-results",
  use: {
    baseURL: `http://localhost:${PORT}`,
    browserName: "chromium",
    viewport: { width: 1400, height: 900 },
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
  },
  // Specs run as the demo admin (who may read everything) unless they pick another role.
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts/ },
    { name: "e2e", dependencies: ["setup"], testIgnore: /auth\.setup\.ts/, use: { storageState: storageStatePath("admin") } },
  ],
  webServer: {
    command: `node scripts/e2e-server.mjs`,
    url: `http://localhost:${PORT}/api/health`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe",
    // No tile warmer: the specs ask for the tiles they check, and one shared embedded database is
    // faster without a background job (the warmer has its own test, lib/tiles/tile-cache.db.test.ts).
    env: { PORT: String(PORT), DATA_DIR, DATABASE_URL: "", NEXT_TELEMETRY_DISABLED: "1", DEMO_PASSWORD: E2E_DEMO_PASSWORD, TILE_WARMER: "off", H3_FILLER: "off" },
  },
});
