import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { createScratchDatabase } from "../../lib/db/scratch-database";

/**
 * PostgreSQL for the operations tests. `scratchDatabase` makes a new database at
 * TEST_DATABASE_URL's server from TEST_TEMPLATE_DATABASE (PostGIS inside; .ci/run makes it);
 * `ownCluster` runs a PostgreSQL server of the test's own that it may stop and start.
 */
export const hasTestPostgres = () => Boolean(process.env.TEST_DATABASE_URL);

export const scratchDatabase = () => createScratchDatabase(process.env.TEST_DATABASE_URL!, "e2e");

const BIN = "/usr/lib/postgresql/15/bin";
export const canRunOwnCluster = () => fs.existsSync(path.join(BIN, "pg_ctl")) && fs.existsSync("/usr/share/postgresql/15/extension/postgis.control");

/** initdb refuses to run as root: run the server tools as the postgres user then. */
function pgTool(tool: string, args: string[]): { status: number; output: string } {
  const command = path.join(BIN, tool);
  const asRoot = process.getuid?.() === 0;
  const result = asRoot
    ? spawnSync("runuser", ["-u", "postgres", "--", command, ...args], { encoding: "utf8", timeout: 120_000 })
    : spawnSync(command, args, { encoding: "utf8", timeout: 120_000 });
  return { status: result.status ?? 1, output: `${result.stdout}${result.stderr}` };
}

export interface OwnCluster {
  url: string;
  stop(): void;
  start(): void;
  destroy(): void;
}

export async function ownCluster(port: number): Promise<OwnCluster> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grid-atlas-pg-"));
  fs.chmodSync(dir, 0o777);
  const data = path.join(dir, "data");
  if (process.getuid?.() === 0) spawnSync("chown", ["postgres", dir]);
  const run = (tool: string, args: string[]) => {
    const result = pgTool(tool, args);
    if (result.status !== 0) throw new Error(`${tool} failed: ${result.output}`);
  };
  run("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync"]);
  const start = () => run("pg_ctl", ["-D", data, "-l", path.join(dir, "log"), "-w", "-o", `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, "start"]);
  start();
  const base = `postgres://postgres@127.0.0.1:${port}`;
  const admin = postgres(`${base}/postgres`, { max: 1, onnotice: () => {} });
  await admin.unsafe("create database grid_atlas");
  await admin.end({ timeout: 5 });
  const db = postgres(`${base}/grid_atlas`, { max: 1, onnotice: () => {} });
  await db.unsafe("create extension postgis");
  await db.end({ timeout: 5 });
  return {
    url: `${base}/grid_atlas`,
    stop: () => run("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]),
    start,
    destroy: () => {
      pgTool("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
