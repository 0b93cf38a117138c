import "server-only";
import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { postgis } from "@electric-sql/pglite-postgis";
import { drizzle } from "drizzle-orm/pglite";
import * as schema from "@/db/schema";
import { acquireDataDirLock, LOCK_FILE, type DataDirLock } from "./data-dir-lock";
import { DatabaseSetupError } from "./errors";
import { copyBlobStatement } from "./copy-statement";
import { BULK_SESSION } from "./copy-text";
import type { BulkAccess, Database, Db } from "./types";

/**
 * Check that DATA_DIR can hold an embedded database before PGlite touches it.
 * We never delete or overwrite a folder we did not create.
 */
export function checkDataDir(dataDir: string): void {
  prepareDataDir(dataDir);
  checkDataDirContents(dataDir);
}

/** Make sure DATA_DIR exists as a writable folder (it must, before it can be locked). */
function prepareDataDir(dataDir: string): void {
  const dir = path.resolve(dataDir);
  if (fs.existsSync(dir)) {
    const stat = fs.statSync(dir);
    if (!stat.isDirectory()) {
      throw new DatabaseSetupError(`DATA_DIR ${dir} is a file, not a folder. Point DATA_DIR at an empty or existing Grid Atlas data folder.`);
    }
    try {
      fs.accessSync(dir, fs.constants.W_OK | fs.constants.R_OK);
    } catch {
      throw new DatabaseSetupError(`DATA_DIR ${dir} is not writable by this user. Fix its permissions or choose another DATA_DIR.`);
    }
    return;
  }
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw new DatabaseSetupError(`Cannot create DATA_DIR ${dir}: ${(error as Error).message}`);
  }
}

/** Checked under the lock, so two processes starting on a new folder cannot both pass it. */
function checkDataDirContents(dataDir: string): void {
  const dir = path.resolve(dataDir);
  const entries = fs.readdirSync(dir).filter((name) => name !== LOCK_FILE);
  if (entries.length > 0 && !entries.includes("PG_VERSION")) {
    throw new DatabaseSetupError(
      `DATA_DIR ${dir} is not empty and does not hold a Grid Atlas database (no PG_VERSION). Choose an empty folder; nothing was changed.`,
    );
  }
}

/**
 * Open PGlite with PostGIS, persisted in `dataDir`, or in memory when `dataDir` is "memory".
 * A folder is locked first (lib/db/data-dir-lock.ts) and stays locked until `close()`; `purpose`
 * says who holds it when another process is refused.
 */
export async function openEmbedded(dataDir: string, purpose = processPurpose()): Promise<Database> {
  const inMemory = dataDir === "memory";
  let lock: DataDirLock | null = null;
  if (!inMemory) {
    prepareDataDir(dataDir);
    // A foreign folder is refused before the lock file would be created in it; checked again
    // under the lock, where two processes starting on a new folder cannot both pass.
    checkDataDirContents(dataDir);
    lock = acquireDataDirLock(dataDir, purpose);
    try {
      checkDataDirContents(dataDir);
    } catch (error) {
      lock.release();
      throw error;
    }
  }
  let client: PGlite;
  try {
    client = await PGlite.create({
      dataDir: inMemory ? undefined : path.resolve(dataDir),
      extensions: { postgis },
    });
  } catch (error) {
    lock?.release();
    throw new DatabaseSetupError(
      `Cannot open the embedded database in ${inMemory ? "memory" : path.resolve(dataDir)}: ${(error as Error).message}. ` +
        `The folder may be damaged: restore it from a backup (npm run restore).`,
    );
  }
  const db = drizzle({ client, schema }) as unknown as Db;
  return {
    kind: "embedded",
    db,
    location: inMemory ? "memory" : path.resolve(dataDir),
    lock,
    bulk: embeddedBulk(client),
    // One process owns an embedded database; nothing to coordinate with.
    exclusively: (fn) => fn(),
    close: async () => {
      try {
        await client.close();
      } finally {
        lock?.release();
      }
    },
  };
}

/** What this process is, for the lock file: the npm script that started it, else its command. */
function processPurpose(): string {
  return process.env.GRID_ATLAS_PURPOSE ?? process.env.npm_lifecycle_event ?? path.basename(process.argv[1] ?? "node");
}

/** COPY through PGlite's virtual /dev/blob device; PGlite runs one transaction at a time, so a snapshot is exact. */
function embeddedBulk(client: PGlite): BulkAccess {
  const rows = (result: { rows: unknown[] }) => result.rows as Record<string, unknown>[];
  return {
    snapshot: (fn) =>
      client.transaction(async (tx) => {
        await tx.exec("set transaction isolation level repeatable read, read only");
        for (const statement of BULK_SESSION) await tx.exec(statement);
        return fn(
          async (table, columns, onChunk) => {
            // PGlite hands COPY's output over as one blob; the embedded database is a district's,
            // well within what one piece can hold.
            const result = await tx.query(copyBlobStatement(table, columns, "to"));
            if (result.blob) onChunk(new Uint8Array(await result.blob.arrayBuffer()));
          },
          async (text) => rows(await tx.query(text)),
        );
      }),
    load: (fn) =>
      client.transaction(async (tx) => {
        for (const statement of BULK_SESSION) await tx.exec(statement);
        return fn(
          async (table, columns, chunks) => {
            const blob = new Blob([...chunks].map((chunk) => chunk as Uint8Array<ArrayBuffer>));
            await tx.query(copyBlobStatement(table, columns, "from"), [], { blob });
          },
          async (text) => rows(await tx.query(text)),
        );
      }),
  };
}
