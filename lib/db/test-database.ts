import { openEmbedded } from "./open-embedded";
import { openServer } from "./open-server";
import { migrateDatabase } from "./migrate";
import { createScratchDatabase } from "./scratch-database";
import { inTransaction } from "./query";
import type { Database, Db } from "./types";

/**
 * The database a test file runs against: in-memory PGlite + PostGIS by default, or, when
 * TEST_DB=postgres (scripts/test.mjs runs both passes), a PostgreSQL database of the file's own
 * made at TEST_DATABASE_URL's server. Files run two at a time; on one shared database a file that
 * reseeds (TRUNCATE) and another that writes the same tables deadlock now and then.
 */
export async function openTestDatabase(): Promise<Database> {
  return openScratchDatabase();
}

/**
 * A database of its own for a test that must commit (backups, restores): in-memory PGlite, or on
 * PostgreSQL a new database made from TEST_TEMPLATE_DATABASE (PostGIS already in it; .ci/run
 * makes it and lets the test role create databases), dropped again by `close()`.
 */
export async function openScratchDatabase(): Promise<Database> {
  const url = process.env.TEST_DATABASE_URL;
  if (!(process.env.TEST_DB === "postgres" && url)) {
    const database = await openEmbedded("memory");
    await migrateDatabase(database);
    return database;
  }
  const scratch = await createScratchDatabase(url, "unit");
  const database = await openServer(scratch.url);
  await migrateDatabase(database);
  return {
    ...database,
    close: async () => {
      await database.close();
      await scratch.drop();
    },
  };
}

class Rollback extends Error {}

/** Run `fn` inside a transaction that is always rolled back, so tests leave no data behind. */
export async function withRollback<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  let result: T | undefined;
  try {
    await inTransaction(db, async (tx) => {
      result = await fn(tx);
      throw new Rollback();
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
  return result as T;
}

/** `fn` on the small generated district (seeded with `seed`), inside a transaction that is rolled back. */
export async function withTestDistrict<T>(db: Db, seed: number, fn: (tx: Db) => Promise<T>): Promise<T> {
  const { seedDemoDistrict } = await import("@/db/seed");
  return withRollback(db, async (tx) => {
    await seedDemoDistrict(tx, { scale: "test", seed, anchorDate: "2026-06-30" });
    return fn(tx);
  });
}
