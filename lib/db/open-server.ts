import postgres from "postgres";
import { drizzle } from "drizzle-orm/postgres-js";
import * as schema from "@/db/schema";
import { explainServerError, redactUrl } from "./errors";
import { copyStatement } from "./copy-statement";
import type { BulkAccess, Database, Db } from "./types";

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
  return { kind: "postgres", db, location, exclusively, bulk: serverBulk(client), lock: null, close: () => client.end({ timeout: 5 }) };
}

/** COPY … TO STDOUT / FROM STDIN through postgres.js streams, inside one transaction. */
function serverBulk(client: postgres.Sql): BulkAccess {
  const rows = (result: unknown) => [...(result as Record<string, unknown>[])];
  return {
    snapshot: async (fn) => {
      let result: Awaited<ReturnType<typeof fn>> | undefined;
      await client.begin("isolation level repeatable read read only", async (tx) => {
        result = await fn(
          async (table, columns) => {
            // Not COPY … TO STDOUT: postgres.js's COPY read stream can stall the connection (its
            // issues #499/#917). Each column's text output, escaped as COPY's text format asks, is
            // what COPY FROM reads back; a cursor reads the table in batches.
            copyStatement(table, columns, "to"); // checks the names
            const select = `select ${columns.map((c) => `"${c}"::text`).join(", ")} from "${table}"`;
            const lines: string[] = [];
            await tx.unsafe(select).values().cursor(2000, (batch) => {
              for (const values of batch) lines.push((values as (string | null)[]).map(copyTextField).join("\t") + "\n");
            });
            return new TextEncoder().encode(lines.join(""));
          },
          async (text) => rows(await tx.unsafe(text)),
        );
      });
      return result as Awaited<ReturnType<typeof fn>>;
    },
    load: async (fn) => {
      let result: Awaited<ReturnType<typeof fn>> | undefined;
      await client.begin(async (tx) => {
        result = await fn(
          async (table, columns, data) => {
            const writable = await tx.unsafe(copyStatement(table, columns, "from")).writable();
            await new Promise<void>((resolve, reject) => {
              writable.on("error", reject);
              writable.on("finish", resolve);
              writable.end(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
            });
          },
          async (text) => rows(await tx.unsafe(text)),
        );
      });
      return result as Awaited<ReturnType<typeof fn>>;
    },
  };
}

/** A value in COPY's text format: NULL as \N; backslash, newline, carriage return and tab escaped. */
function copyTextField(value: string | null): string {
  if (value === null) return "\\N";
  return value.replace(/[\\\n\r\t]/g, (ch) => (ch === "\\" ? "\\\\" : ch === "\n" ? "\\n" : ch === "\r" ? "\\r" : "\\t"));
}
