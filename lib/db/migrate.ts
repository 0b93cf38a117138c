import "server-only";
import path from "node:path";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import { sql } from "drizzle-orm";
import { explainServerError } from "./errors";
import { queryOne } from "./query";
import type { Database } from "./types";

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");

/**
 * Apply pending migrations. Drizzle runs them all in one transaction, so a failing
 * migration leaves the database exactly as it was.
 */
export async function migrateDatabase(database: Database, migrationsFolder = MIGRATIONS_FOLDER): Promise<void> {
  const config = { migrationsFolder };
  try {
    await database.exclusively(async () => {
      if (database.kind === "embedded") await migratePglite(database.db as never, config);
      else {
        await migratePostgres(database.db as never, config);
        // On a Citus coordinator, events are distributed once their migrations have committed (0025).
        // (A folder of older migrations may not have made the function yet.)
        await database.db.execute(
          sql`do $$ begin if to_regproc('public.distribute_events_on_citus') is not null then perform distribute_events_on_citus(); end if; end $$`,
        );
      }
    });
  } catch (error) {
    // drizzle wraps the driver error; the PostgreSQL code sits on `cause`.
    const cause = (error as { cause?: unknown }).cause ?? error;
    throw explainServerError(cause, database.location);
  }
}

export async function postgisVersion(database: Database): Promise<string> {
  const row = await queryOne<{ v: string }>(database.db, sql`select postgis_lib_version() as v`);
  return row?.v ?? "unknown";
}
