import "server-only";
import postgres from "postgres";
import { drizzle } from "drizzle-orm/postgres-js";
import * as schema from "@/db/schema";
import { explainServerError, redactUrl } from "./errors";
import { assertPlainIdentifiers } from "./copy-statement";
import { BULK_SESSION, copyLineBatches, decodeCopyLine, encodeCopyField } from "./copy-text";
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
    // JIT compilation off: PostgreSQL switches it on by cost estimate, and for this app's queries
    // (index probes per event, spatial joins) it spends more compiling than it saves — on the
    // large district 0.34 s of a 0.77 s coverage query. Every query here is short and repeated.
    connection: { statement_timeout: STATEMENT_TIMEOUT_MS, application_name: "grid-atlas", jit: "off" },
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

/**
 * Bulk data for backups without postgres.js's COPY streams (they can stall a connection, or hang
 * forever when the server refuses a row: its issues #499, #917, #1173). Reading: each column's
 * text output through a cursor, written as COPY text. Writing: COPY text parsed here and inserted
 * in batches, each value cast from text by its column's type (the same input functions COPY uses).
 */
function serverBulk(client: postgres.Sql): BulkAccess {
  const BATCH_ROWS = 2000;
  const rows = (result: unknown) => [...(result as Record<string, unknown>[])];
  return {
    snapshot: async (fn) => {
      let result: Awaited<ReturnType<typeof fn>> | undefined;
      await client.begin("isolation level repeatable read read only", async (tx) => {
        for (const statement of BULK_SESSION) await tx.unsafe(statement);
        result = await fn(
          async (table, columns, onChunk) => {
            assertPlainIdentifiers([table, ...columns]);
            const select = `select ${columns.map((c) => `"${c}"::text`).join(", ")} from "${table}"`;
            const encoder = new TextEncoder();
            // Each batch of rows leaves as one piece: memory holds a batch, never the table.
            await tx.unsafe(select).values().cursor(BATCH_ROWS, (batch) => {
              onChunk(encoder.encode(batch.map((values) => (values as (string | null)[]).map(encodeCopyField).join("\t") + "\n").join("")));
            });
          },
          async (text) => rows(await tx.unsafe(text)),
        );
      });
      return result as Awaited<ReturnType<typeof fn>>;
    },
    load: async (fn) => {
      let result: Awaited<ReturnType<typeof fn>> | undefined;
      await client.begin(async (tx) => {
        for (const statement of BULK_SESSION) await tx.unsafe(statement);
        result = await fn(
          async (table, columns, chunks) => {
            assertPlainIdentifiers([table, ...columns]);
            const types = new Map(
              rows(
                await tx.unsafe(
                  `select attname as name, format_type(atttypid, atttypmod) as type from pg_attribute
                    where attrelid = $1::regclass and attnum > 0 and not attisdropped`,
                  [`"${table}"`],
                ),
              ).map((r) => [String(r.name), String(r.type)]),
            );
            const casts = columns.map((c) => `r."${c}"::${types.get(c) ?? "text"}`).join(", ");
            const shape = columns.map((c) => `"${c}" text`).join(", ");
            const insert = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(", ")})
                            select ${casts} from json_to_recordset($1::json) as r(${shape})`;
            let row = 0;
            for (const lines of copyLineBatches(chunks, BATCH_ROWS)) {
              const batch = lines.map((line) => {
                row++;
                const values = decodeCopyLine(line);
                if (values.length !== columns.length) throw new Error(`${table}, row ${row}: ${values.length} values for ${columns.length} columns`);
                return Object.fromEntries(columns.map((c, j) => [c, values[j]]));
              });
              await tx.unsafe(insert, [JSON.stringify(batch)]);
            }
          },
          async (text) => rows(await tx.unsafe(text)),
        );
      });
      return result as Awaited<ReturnType<typeof fn>>;
    },
  };
}
