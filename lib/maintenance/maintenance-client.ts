import fs from "node:fs";
import http from "node:http";
import type { CommandOutput, UserCommand } from "./user-command";

/** The CLI's side of lib/maintenance/maintenance-socket.ts: ask the running server to do the work. */
function request(socketPath: string, method: string, path: string, body?: unknown): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = http.request({ socketPath, method, path, headers: { "Content-Type": "application/json" } }, resolve);
    req.on("error", (error) => reject(new Error(`cannot reach the running server at ${socketPath}: ${error.message}`)));
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

async function readJson(response: http.IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of response) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>;
}

export async function remoteUserCommand(socketPath: string, input: UserCommand): Promise<CommandOutput> {
  const response = await request(socketPath, "POST", "/user", input);
  const body = await readJson(response);
  if (response.statusCode !== 200) throw new Error(String(body.error ?? `the server answered ${response.statusCode}`));
  return body as unknown as CommandOutput;
}

/** Stream a backup made by the running server into `file`. */
export async function remoteBackup(socketPath: string, file: string): Promise<void> {
  const response = await request(socketPath, "POST", "/backup");
  if (response.statusCode !== 200) throw new Error(String((await readJson(response)).error ?? `the server answered ${response.statusCode}`));
  // Backups hold password and token hashes: owner-only, like the direct path writes them.
  const out = fs.createWriteStream(file, { mode: 0o600 });
  await new Promise<void>((resolve, reject) => {
    response.on("error", reject);
    response.on("aborted", () => reject(new Error("the server stopped sending the backup")));
    out.on("error", reject);
    out.on("finish", resolve);
    response.pipe(out);
  });
}
