import { createHash } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { ZodError } from "zod";
import { createBackup } from "@/lib/backup/create-backup";
import type { Database } from "@/lib/db/types";
import { runUserCommand, UserCommand } from "./user-command";

/**
 * While a server holds an embedded DATA_DIR, maintenance commands (`npm run user`, `npm run
 * backup`) cannot open the files, so the server does the work for them over a Unix socket that
 * only the same OS user can connect to (mode 0600). Its path is written into the lock file
 * (lib/db/data-dir-lock.ts), which is how the CLI finds it. Plain HTTP over the socket:
 *   GET  /status   → { pid, db, location }
 *   POST /user     → runs a user command (JSON body) → { lines, table? }
 *   POST /backup   → a backup zip, streamed
 */
export function maintenanceSocketPath(dataDir: string): string {
  const inside = path.join(path.resolve(dataDir), "maintenance.sock");
  // Unix socket paths are limited to ~107 bytes; a deep DATA_DIR gets one in the temp folder.
  if (Buffer.byteLength(inside) <= 100) return inside;
  const digest = createHash("sha256").update(path.resolve(dataDir)).digest("hex").slice(0, 16);
  return path.join(os.tmpdir(), `grid-atlas-${digest}.sock`);
}

export interface MaintenanceSocket {
  path: string;
  close(graceMs?: number): Promise<void>;
}

export async function startMaintenanceSocket(database: Database): Promise<MaintenanceSocket | null> {
  const lock = database.lock;
  if (!lock) return null;
  const socketPath = maintenanceSocketPath(lock.dataDir);
  // We hold the DATA_DIR lock, so a socket file left here belongs to a server that is gone.
  fs.rmSync(socketPath, { force: true });
  let inFlight = 0;
  let drained = () => {};
  const server = http.createServer((request, response) => {
    inFlight++;
    response.on("close", () => {
      if (--inFlight === 0) drained();
    });
    serve(database, request, response).catch((error: unknown) => {
      if (!response.headersSent) reply(response, 500, { error: (error as Error).message });
      else response.destroy(error as Error); // a cut-off backup fails its check on the client
    });
  });
  // The socket is created owner-only (umask), then chmod'ed to be sure.
  const previous = process.umask(0o177);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(socketPath, resolve);
    });
  } finally {
    process.umask(previous);
  }
  fs.chmodSync(socketPath, 0o600);
  lock.describe({ purpose: "server", socket: socketPath });
  return {
    path: socketPath,
    /** Stop listening, let commands in progress finish (up to `graceMs`), then close. */
    close: async (graceMs = 10_000) => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      if (inFlight > 0) {
        await new Promise<void>((resolve) => {
          drained = resolve;
          setTimeout(resolve, graceMs).unref();
        });
      }
      server.closeAllConnections();
      await closed;
      fs.rmSync(socketPath, { force: true });
    },
  };
}

async function serve(database: Database, request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
  const route = `${request.method} ${request.url}`;
  if (route === "GET /status") return reply(response, 200, { pid: process.pid, db: database.kind, location: database.location });
  if (route === "POST /user") {
    try {
      const input = UserCommand.parse(JSON.parse(await readBody(request)));
      return reply(response, 200, await runUserCommand(database.db, input));
    } catch (error) {
      return reply(response, 400, { error: describeError(error) });
    }
  }
  if (route === "POST /backup") {
    response.writeHead(200, { "Content-Type": "application/zip" });
    await createBackup(database, (chunk) => response.write(chunk));
    response.end();
    return;
  }
  reply(response, 404, { error: `unknown maintenance request ${route}` });
}

function reply(response: http.ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "Content-Type": "application/json" });
  response.end(JSON.stringify(body));
}

async function readBody(request: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > 64 * 1024) throw new Error("request too large");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export function describeError(error: unknown): string {
  if (error instanceof ZodError) return error.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("; ");
  return error instanceof Error ? error.message : String(error);
}
