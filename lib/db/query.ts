import "server-only";
import type { SQL } from "drizzle-orm";
import type { Db } from "./types";

/**
 * Run raw SQL and return plain rows on either backend.
 * PGlite returns `{ rows }` and postgres.js an array; this hides the difference.
 * Convention: cast counts to int (`count(*)::int`) in SQL, since int8 parses differently too.
 */
export async function query<T = Record<string, unknown>>(db: Db, statement: SQL): Promise<T[]> {
  const result = (await db.execute(statement)) as unknown;
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

export async function queryOne<T = Record<string, unknown>>(db: Db, statement: SQL): Promise<T | undefined> {
  const rows = await query<T>(db, statement);
  return rows[0];
}

/** A json/jsonb column's value: postgres.js parses it, PGlite's `::json` casts may arrive as text. */
export function jsonColumn<T>(value: T | string): T {
  return typeof value === "string" ? (JSON.parse(value) as T) : value;
}

/**
 * Run `fn` in one transaction: it commits when `fn` resolves and rolls back when it throws. The
 * transaction is handed over as a `Db`, so the verbs that take a database run inside it unchanged
 * (Drizzle's transaction type adds only rollback/setTransaction, which nothing here calls).
 */
export function inTransaction<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction((tx) => fn(tx as unknown as Db));
}
