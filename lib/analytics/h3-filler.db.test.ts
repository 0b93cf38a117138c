import { sql } from "drizzle-orm";
import { latLngToCell } from "h3-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoDistrict } from "@/db/seed";
import { query } from "@/lib/db/query";
import { openTestDatabase } from "@/lib/db/test-database";
import type { Database } from "@/lib/db/types";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { HttpError } from "@/lib/http/errors";
import { errorResponse } from "@/lib/http/error-response";
import { h3FromDecimal } from "./event-h3";
import { getHotspots, HotspotParams } from "./get-hotspots";
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

  it("leaves a long queue to the running filler: a hexagon request says so at once instead of filling it", async () => {
    // Every filed event queued again, as after a seed or a large import.
    await database.db.execute(sql`delete from event_h3`);
    await database.db.execute(sql`insert into event_h3_pending (event_id) select id from events where grid_cell_id is not null on conflict do nothing`);
    const long = await queued();
    expect(long).toBeGreaterThan(500);
    const params = HotspotParams.parse({ unit: "h3", resolution: "8", from: "2025-07-01T00:00:00+08:00", to: "2026-07-01T00:00:00+08:00" });
    process.env.H3_REQUEST_FILL_LIMIT = "100";
    // Running, but not due for an hour: only the request could fill.
    const filler = startH3Filler(async () => database, { firstRunMs: 3_600_000, pollMs: 3_600_000 });
    try {
      const refusal = await getHotspots(database.db, SYSTEM_ACTOR, params).then(() => null, (error: unknown) => error);
      expect(refusal).toBeInstanceOf(HttpError);
      expect(refusal).toMatchObject({ status: 503, code: "h3.filling", params: { n: long.toLocaleString("en") } });
      const response = errorResponse(refusal, "zh");
      expect(response.status).toBe(503);
      expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
      expect((await response.json()).retry_after).toBe(Number(response.headers.get("retry-after")));
      expect(await queued()).toBe(long);
    } finally {
      await filler.stop();
    }
    // Without the filler (H3_FILLER=off, the bench, a script) the request fills the queue itself.
    try {
      const hot = await getHotspots(database.db, SYSTEM_ACTOR, params);
      expect(hot.summary.units).toBeGreaterThan(100);
      expect(await queued()).toBe(0);
    } finally {
      delete process.env.H3_REQUEST_FILL_LIMIT;
    }
  });
});
