import postgres from "postgres";
import { drizzle } from "drizzle-orm/postgres-js";
import * as schema from "@/db/schema";
import { explainServerError, redactUrl } from "./errors";
import type { Database, Db } from "./types";

/** Arbitrary but fixed key of the advisory lock that serialises migrations. */
const MIGRATION_LOCK = 7_261_982;

/** Statement timeout for every query on the server, so a slow query is cancelled instead of piling up. */
const STATEMENT_TIMEOUT_MS = Number(process.env.STATEMENT_TIMEOUT_MS ?? 30_000);

export async function openServer(url: string): Promise<Database> {
  const location = redactUrl(url);
  const client = postgres(url, {
    max: Number(process.env.DB_POOL_SIZE ?? 10),
    connect_timeout: 10,
    onnotice: () => {},
    connection: { statement_timeout: STATEMENT_TIMEOUT_MS, application_name: "grid-atlas" },
  });
  try {
    await client`select 1`;
  } catch (error) {
    await client.end({ timeout: 1 }).catch(() => {});
    throw explainServerError(error, location);
  }
  const db = drizzle({ client, schema }) as unknown as Db;
  const exclusively = async <T>(fn: () => Promise<T>): Promise<T> => {
    // A session-level advisory lock on a reserved connection; others wait for it.
    const reserved = await client.reserve();
    try {
      await reserved`select pg_advisory_lock(${MIGRATION_LOCK})`;
      return await fn();
    } finally {
      await reserved`select pg_advisory_unlock(${MIGRATION_LOCK})`.catch(() => {});
      reserved.release();
    }
  };
  return { kind: "postgres", db, location, exclusively, close: () => client.end({ timeout: 5 }) };
}
