import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { seedDemoDistrict } from "@/db/seed";
import { createBackup } from "@/lib/backup/create-backup";
import { restoreBackup } from "@/lib/backup/restore-backup";
import { migrateDatabase } from "./migrate";
import { openServer } from "./open-server";
import { queryOne } from "./query";
import { openScratchDatabase } from "./test-database";
import { weekRowsCountedAfresh, weekTableRows } from "./week-table-rows";
import type { Database, Db } from "./types";

/**
 * A backup restored onto a Citus coordinator (TEST_CITUS_RESTORE_URL: an empty database on the
 * local cluster, `CITUS_DATABASE=grid_atlas_restore npm run citus:local -- up` prints it; .ci/run
 * makes it afresh). Events arrive by COPY, where neither triggers (dropped on Citus) nor the
 * writers run: the restore itself must make their week table, H3 queue and layer version, as the
 * single server's triggers made them on the source. Runs in the PostgreSQL pass only. A restore
 * refuses a database that holds data: to run it twice, drop the database on every node and make it again.
 */
const url = process.env.TEST_CITUS_RESTORE_URL;
const enabled = process.env.TEST_DB === "postgres" && Boolean(url);

const opened: Database[] = [];
afterAll(async () => {
  for (const database of opened) await database.close();
});

const eventsDigest = async (db: Db) =>
  (await queryOne<{ n: number; h: string }>(
    db,
    sql`select count(*)::int as n, md5(string_agg(id || ' ' || coalesce(grid_cell_id, 0) || ' ' || status || ' ' || category || ' ' || occurred_at, ',' order by id)) as h from events`,
  ))!;

const eventsVersion = async (db: Db) => BigInt((await queryOne<{ v: string }>(db, sql`select version::text as v from layer_versions where layer = 'events'`))?.v ?? "0");

describe.skipIf(!enabled)("a backup restored onto Citus", () => {
  it("gives back the events, distributed, with the week table and H3 queue the triggers made on the source", async () => {
    const source = await openScratchDatabase();
    opened.push(source);
    await seedDemoDistrict(source.db, { scale: "test", seed: 7, anchorDate: "2026-06-30", districts: 3 });
    const chunks: Uint8Array[] = [];
    await createBackup(source, (chunk) => chunks.push(chunk));

    const target = await openServer(url!);
    opened.push(target);
    await migrateDatabase(target);
    await restoreBackup(target, new Uint8Array(Buffer.concat(chunks)));

    expect((await queryOne<{ d: boolean }>(target.db, sql`select events_distributed() as d`))?.d).toBe(true);
    const events = await eventsDigest(target.db);
    expect(events.n).toBeGreaterThan(1000);
    expect(events).toEqual(await eventsDigest(source.db));
    // The week table: the source's (kept by its triggers), and a fresh count of the restored events.
    const weeks = await weekTableRows(target.db);
    expect(weeks.length).toBeGreaterThan(100);
    expect(weeks).toEqual(await weekTableRows(source.db));
    expect(weeks).toEqual(await weekRowsCountedAfresh(target.db));
    // Every filed event queued for its H3 cells, nothing else.
    const queue = await queryOne<{ queued: number; filed: number; stray: number }>(
      target.db,
      sql`select (select count(*)::int from event_h3_pending) as queued, (select count(*)::int from events where grid_cell_id is not null) as filed,
            (select count(*)::int from event_h3_pending p where not exists (select 1 from events e where e.id = p.event_id and e.grid_cell_id is not null)) as stray`,
    );
    expect(queue).toEqual({ queued: queue!.filed, filed: queue!.filed, stray: 0 });
    // The events layer's version moved past any the source's tiles were made under.
    expect(await eventsVersion(target.db)).toBeGreaterThan(await eventsVersion(source.db));
  });
});
