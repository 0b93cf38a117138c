import "server-only";
import { openEmbedded } from "./open-embedded";
import { openServer } from "./open-server";
import { DatabaseSetupError } from "./errors";
import { migrateDatabase } from "./migrate";
import type { Database } from "./types";

export type { Database, Db, DbKind } from "./types";

/**
 * The one database of this process.
 *
 * Without DATABASE_URL: PGlite + PostGIS (WASM) persisted in DATA_DIR (default ./.data).
 * With DATABASE_URL: PostgreSQL + PostGIS through postgres.js.
 *
 * Kept on globalThis because an embedded database must have exactly one writer per folder,
 * and Next's dev server re-evaluates modules on every change.
 */
const globalKey = Symbol.for("grid-atlas.database");
const closingKey = Symbol.for("grid-atlas.database-closing");
type GlobalWithDb = typeof globalThis & { [globalKey]?: Promise<Database>; [closingKey]?: boolean };

export function databaseConfig(): { url?: string; dataDir: string } {
  return { url: process.env.DATABASE_URL || undefined, dataDir: process.env.DATA_DIR || ".data" };
}

/** Open a database by configuration and bring its schema up to date. Callers own closing it. */
export async function openDatabase(config = databaseConfig()): Promise<Database> {
  const database = config.url ? await openServer(config.url) : await openEmbedded(config.dataDir);
  try {
    await migrateDatabase(database);
  } catch (error) {
    await database.close().catch(() => {});
    throw error;
  }
  return database;
}

export function getDatabase(): Promise<Database> {
  const g = globalThis as GlobalWithDb;
  // Once the server is stopping, nothing may open the database again behind the shutdown.
  if (g[closingKey]) return Promise.reject(new DatabaseSetupError("the server is stopping; try again in a moment"));
  if (!g[globalKey]) {
    g[globalKey] = openDatabase().catch((error) => {
      delete g[globalKey]; // let the next request retry instead of caching the failure
      throw error;
    });
  }
  return g[globalKey];
}

/** Close the process's database for good (graceful stop): later getDatabase() calls refuse (503). */
export async function closeDatabase(): Promise<void> {
  const g = globalThis as GlobalWithDb;
  g[closingKey] = true;
  const opening = g[globalKey];
  delete g[globalKey];
  if (!opening) return;
  const database = await opening.catch(() => null);
  await database?.close();
}
