import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import { E2E_DEMO_PASSWORD } from "../accounts";

/**
 * Extra Grid Atlas servers for the operations tests (locking, crashes, outages, backups): the
 * production server script on its own port and database, using the build that the suite's own
 * server made (playwright.config.ts starts that one first).
 */
export function serverEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    NODE_ENV: "production",
    DEMO_PASSWORD: E2E_DEMO_PASSWORD,
    SEED_SCALE: "test",
    TILE_WARMER: "off",
    DATABASE_URL: "",
    ...extra,
  };
  if (!env.DATABASE_URL) delete env.DATABASE_URL;
  return env;
}

export function tempDataDir(label: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `grid-atlas-${label}-`));
}

/** Run one of the project's TypeScript scripts (`npm run …` without npm) to its end. */
export function runScript(script: string, args: string[], env: NodeJS.ProcessEnv): { status: number; output: string } {
  const result = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", `scripts/${script}.ts`, ...args], {
    env,
    encoding: "utf8",
    timeout: 240_000,
  });
  return { status: result.status ?? 1, output: `${result.stdout}${result.stderr}` };
}

export interface RunningServer {
  baseURL: string;
  process: ChildProcess;
  pid: number;
  log(): string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
}

/** Start scripts/serve.mjs and wait until it answers /api/health (any status). */
export async function startServer(port: number, env: NodeJS.ProcessEnv): Promise<RunningServer> {
  // A server left over from an interrupted run would answer for the new one.
  if (await fetch(`http://localhost:${port}/api/health`).catch(() => null)) throw new Error(`port ${port} is already in use`);
  const child = spawn(process.execPath, ["scripts/serve.mjs"], { env: { ...env, PORT: String(port) }, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  child.stdout!.on("data", (d: Buffer) => (log += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (log += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const baseURL = `http://localhost:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early (${child.exitCode}):\n${log}`);
    try {
      await fetch(`${baseURL}/api/health`);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`server did not answer within 120 s:\n${log}`);
      await new Promise((r) => setTimeout(r, 300));
    }
  }
  const server = { baseURL, process: child, pid: child.pid!, log: () => log, exited };
  started.add(server);
  void exited.then(() => started.delete(server));
  return server;
}

const started = new Set<RunningServer>();

/** Kill every server these helpers started that is still running (call in afterEach). */
export async function killStartedServers(): Promise<void> {
  for (const server of [...started]) {
    server.process.kill("SIGKILL");
    await server.exited;
  }
}

/** Wait until /api/health answers 200 (the database is open and migrated). */
export async function waitHealthy(baseURL: string, timeoutMs = 120_000): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await fetch(`${baseURL}/api/health`).catch(() => null);
    if (response?.status === 200) return (await response.json()) as Record<string, unknown>;
    if (Date.now() > deadline) throw new Error(`not healthy after ${timeoutMs} ms (last status ${response?.status})`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** A signed-in API client of `baseURL`. */
export async function signIn(baseURL: string, email: string, password = E2E_DEMO_PASSWORD): Promise<APIRequestContext> {
  const context = await playwrightRequest.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const response = await context.post("/api/auth/sign-in", { data: { email, password }, headers: { Origin: baseURL } });
  expect(response.status(), await response.text()).toBe(200);
  return context;
}

/** A small zone draft inside the (test-scale) demo district, offset by `i` so each is distinct. */
export function zoneDraft(i: number, label: string) {
  const x = 120.6935 + (i % 20) * 0.0004;
  const y = 28.0105 + Math.floor(i / 20) * 0.0004;
  const d = 0.00015;
  return {
    type: "Feature",
    geometry: { type: "Polygon", coordinates: [[[x - d, y - d], [x + d, y - d], [x + d, y + d], [x - d, y + d], [x - d, y - d]]] },
    properties: { name: `${label} ${i}`, category: "commercial_core", legal_basis: "durability test", valid_from: "2026-01-01" },
  };
}
