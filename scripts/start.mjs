// `npm start`: prepare the database (migrate; seed the demo district when empty), build the app
// if the build is missing or older than the sources, then serve it on PORT (default 3000).
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { buildFastPath, FAST_PATH_BUNDLE } from "./build-fast-path.mjs";

const bin = (name) => path.join("node_modules", ".bin", name);
const env = { NEXT_TELEMETRY_DISABLED: "1", ...process.env };
const run = (command, args) => spawnSync(command, args, { stdio: "inherit", env }).status ?? 1;

const prepared = run(bin("tsx"), ["--conditions=react-server", "scripts/prepare-db.ts"]);
if (prepared !== 0) process.exit(prepared);

if (buildIsStale()) {
  console.log("[grid-atlas] building the app (first start or sources changed)…");
  const built = run(bin("next"), ["build"]);
  if (built !== 0) process.exit(built);
}
// The tile fast path (lib/tiles/fast-path.ts), built with the app: made again whenever the app is.
if (!fs.existsSync(FAST_PATH_BUNDLE) || fs.statSync(FAST_PATH_BUNDLE).mtimeMs < fs.statSync(path.join(".next", "BUILD_ID")).mtimeMs) {
  try {
    await buildFastPath();
  } catch (error) {
    // The app works without it (Next answers tile requests), only slower.
    console.error(`[grid-atlas] the tile fast path could not be built (${error.message}); Next.js will answer tile requests`);
  }
}

const port = process.env.PORT || "3000";
console.log(`[grid-atlas] serving on http://localhost:${port}`);
const server = spawn(process.execPath, ["scripts/serve.mjs"], { stdio: "inherit", env: { ...env, PORT: port, NODE_ENV: "production" } });
// The server stops gracefully on SIGTERM/SIGINT (scripts/serve.mjs); pass them on and wait for it.
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

function buildIsStale() {
  const marker = path.join(".next", "BUILD_ID");
  if (!fs.existsSync(marker)) return true;
  const builtAt = fs.statSync(marker).mtimeMs;
  const roots = ["app", "lib", "db", "public", "next.config.js", "package.json", "instrumentation.ts", "proxy.ts"];
  return roots.some((root) => newerThan(root, builtAt));
}

function newerThan(entry, time) {
  if (!fs.existsSync(entry)) return false;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs > time;
  return fs.readdirSync(entry).some((name) => newerThan(path.join(entry, name), time));
}
