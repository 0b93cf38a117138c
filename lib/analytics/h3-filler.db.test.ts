import { sql } from "drizzle-orm";
import { latLngToCell } from "h3-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoDistrict } from "@/db/seed";
import { query } from "@/lib/db/query";
import { openTestDatabase } from "@/lib/db/test-database";
import type { Database } from "@/lib/db/types";
import { h3FromDecimal } from "./event-h3";
import { startH3Filler } from "./h3-filler";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
  await seedDemoDistrict(database.db, { scale: "test", seed: 5, anchorDate: "2026-06-30" });
});
afterAll(async () => {
  await database?.close();
});

const queued = async () => Number((await query<{ n: number }>(database.db, sql`select count(*)::int as n from event_h3_pending`))[0]!.n);

describe("the background H3 filler", () => {
  it("stores every queued event's H3 cells without a request, and stops when told", async () => {
    expect(await queued()).toBeGreaterThan(500);
    const filler = startH3Filler(async () => database, { firstRunMs: 0, pollMs: 50 });
    try {
      const deadline = Date.now() + 60_000;
      while ((await queued()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    } finally {
      await filler.stop();
    }
    expect(await queued()).toBe(0);

    // The stored cells are those h3-js gives each filed event's position, one row an event.
    // Time, category and cell are copied beside them, as the events have them.
    const rows = await query<{ x: number; y: number; h3_9: string | null; h3_7: string | null; copied: boolean }>(
      database.db,
      sql`select ST_X(e.geom) as x, ST_Y(e.geom) as y, h.h3_9::text as h3_9, h.h3_7::text as h3_7,
            coalesce(h.occurred_at = e.occurred_at and h.category = e.category and h.grid_cell_id = e.grid_cell_id, false) as copied
          from events e left join event_h3 h on h.event_id = e.id where e.grid_cell_id is not null`,
    );
    expect(rows.length).toBeGreaterThan(500);
    expect(rows.filter((r) => !r.copied)).toEqual([]);
    for (const r of rows) {
      expect(r.h3_9 && h3FromDecimal(r.h3_9)).toBe(latLngToCell(Number(r.y), Number(r.x), 9));
      expect(r.h3_7 && h3FromDecimal(r.h3_7)).toBe(latLngToCell(Number(r.y), Number(r.x), 7));
    }

    // Stopped: an event recorded now stays queued.
    await database.db.execute(sql`insert into events (geom, occurred_at, category, source)
      select ST_PointOnSurface(geom), now(), 'complaint', 'hotline' from grid_cells order by code limit 1`);
    await new Promise((r) => setTimeout(r, 300));
    expect(await queued()).toBe(1);
  });
});
