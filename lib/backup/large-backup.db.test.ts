import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { query } from "@/lib/db/query";
import { openScratchDatabase } from "@/lib/db/test-database";
import type { Database } from "@/lib/db/types";
import { createBackup } from "./create-backup";
import { restoreBackup } from "./restore-backup";

// A table whose COPY text is longer than the longest string JavaScript can make (V8: 2^29 - 24
// characters, about 512 MB). A city's events are (issue #20: the city of three's backup failed
// with "Invalid string length"), so a backup must never hold a table as one string. Here the
// audit log stands in for them: 64,000 entries of ~9.6 kB each, ~620 MB of text, which PostgreSQL
// stores compressed in a few MB. PostgreSQL only: the embedded database is one district's, and
// PGlite's memory could not take it.
const ROWS = 64_000;
const V8_MAX_STRING = 2 ** 29 - 24;
const enabled = process.env.TEST_DB === "postgres" && Boolean(process.env.TEST_DATABASE_URL);

/** Rows and a digest of them as PostgreSQL prints them (not as the backup reads them, which is COPY). */
async function auditDigest(database: Database): Promise<{ n: number; text_bytes: number; digest: string }> {
  const [row] = await query<{ n: number; text_bytes: string; digest: string }>(
    database.db,
    sql`select count(*)::int as n, sum(octet_length(a::text))::text as text_bytes,
          md5(string_agg(md5(a::text), '' order by a.id)) as digest
        from audit_log a`,
  );
  return { n: Number(row?.n), text_bytes: Number(row?.text_bytes), digest: String(row?.digest) };
}

let source: Database;
beforeAll(async () => {
  if (!enabled) return;
  source = await openScratchDatabase();
  await source.db.execute(sql`
    insert into audit_log (entity, action, after)
    select 'import', 'create', jsonb_build_object('note', repeat(md5(i::text), 300))
    from generate_series(1, ${ROWS}::int) i`);
}, 300_000);
afterAll(async () => {
  await source?.close();
});

describe.skipIf(!enabled)("a backup larger than one string", () => {
  it("backs up and restores a table whose text is longer than JavaScript's longest string", async () => {
    const before = await auditDigest(source);
    expect(before.n).toBe(ROWS);
    expect(before.text_bytes).toBeGreaterThan(V8_MAX_STRING);

    const chunks: Uint8Array[] = [];
    const manifest = await createBackup(source, (chunk) => chunks.push(chunk));
    const audit = manifest.tables.find((t) => t.name === "audit_log");
    expect(audit?.rows).toBe(ROWS);
    expect(audit?.bytes).toBeGreaterThan(V8_MAX_STRING);

    const target = await openScratchDatabase();
    try {
      await restoreBackup(target, new Uint8Array(Buffer.concat(chunks)));
      expect(await auditDigest(target)).toEqual(before);
    } finally {
      await target.close();
    }
  }, 600_000);
});
