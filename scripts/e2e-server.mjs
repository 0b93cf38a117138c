// The server the Playwright suite runs against: `npm start` on a fresh, throw-away DATA_DIR.
import { spawn } from "node:child_process";
import fs from "node:fs";

const dataDir = process.env.DATA_DIR;
if (dataDir && fs.existsSync(dataDir)) fs.rmSync(dataDir, { recursive: true, force: true });
const server = spawn(process.execPath, ["scripts/start.mjs"], { stdio: "inherit", env: process.env });
const stop = (signal) => {
  server.kill(signal);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
server.on("exit", (code) => {
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  process.exit(code ?? 0);
});
