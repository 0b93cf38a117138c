// The production HTTP server (`npm start` runs it after preparing the database and the build).
// Next.js's own `next start` exits on SIGTERM without waiting for requests in flight; this one
// stops accepting connections, lets requests in flight finish (up to SHUTDOWN_GRACE_MS, default
// 10 s), then closes the database cleanly (lib/maintenance/server-services.ts) and exits.
import http from "node:http";
import next from "next";
import fs from "node:fs";
import path from "node:path";
import nextConfig from "../next.config.js";
import { FAST_PATH_BUNDLE } from "./build-fast-path.mjs";

const port = Number(process.env.PORT || 3000);
const grace = Number(process.env.SHUTDOWN_GRACE_MS ?? 10_000);
const SHUTDOWN_HOOK = Symbol.for("grid-atlas.shutdown");

const app = next({ dev: false, dir: process.cwd(), port });
await app.prepare();
const handle = app.getRequestHandler();

// Tile requests go to the fast path first (lib/tiles/fast-path.ts, built by scripts/start.mjs);
// whatever it does not answer, Next does. It adds the headers Next adds to every response.
const fastPath = fs.existsSync(FAST_PATH_BUNDLE) ? await import(path.resolve(FAST_PATH_BUNDLE)) : null;
const commonHeaders = Object.fromEntries(((await nextConfig.headers())[0]?.headers ?? []).map((h) => [h.key, h.value]));
if (!fastPath) console.log("[grid-atlas] no tile fast path built: Next answers tile requests");

let inFlight = 0;
let stopping = false;
let drained = () => {};
const server = http.createServer((request, response) => {
  inFlight++;
  response.on("close", () => {
    inFlight--;
    if (stopping && inFlight === 0) drained();
  });
  if (stopping) response.setHeader("Connection", "close");
  if (fastPath && request.url?.startsWith("/api/tiles/")) {
    fastPath.answerTileFast(request, response, commonHeaders).then(
      (answered) => answered || handle(request, response),
      () => response.headersSent || handle(request, response),
    );
    return;
  }
  handle(request, response);
});
server.listen(port, () => console.log(`[grid-atlas] ready on http://localhost:${port} (PID ${process.pid})`));

async function stop(signal) {
  if (stopping) return;
  stopping = true;
  console.log(`[grid-atlas] ${signal}: finishing ${inFlight} request(s) in flight, then closing the database`);
  server.close();
  server.closeIdleConnections();
  if (inFlight > 0) {
    await new Promise((resolve) => {
      drained = resolve;
      setTimeout(() => {
        console.error(`[grid-atlas] ${inFlight} request(s) still running after ${grace} ms; stopping anyway`);
        resolve();
      }, grace).unref();
    });
  }
  server.closeAllConnections();
  try {
    const shutdown = globalThis[SHUTDOWN_HOOK];
    if (!shutdown) throw new Error("no shutdown hook: instrumentation did not run");
    await shutdown();
    console.log("[grid-atlas] database closed; stopped");
    process.exit(0);
  } catch (error) {
    console.error(`[grid-atlas] closing the database failed: ${error?.message ?? error}`);
    process.exit(1);
  }
}
process.on("SIGTERM", () => void stop("SIGTERM"));
process.on("SIGINT", () => void stop("SIGINT"));
