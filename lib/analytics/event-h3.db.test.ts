import { sql } from "drizzle-orm";
import { latLngToCell } from "h3-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { query } from "@/lib/db/query";
import { openTestDatabase, withTestDistrict } from "@/lib/db/test-database";
import type { Database, Db } from "@/lib/db/types";
import type { EventCategory } from "@/lib/vocabulary";
import { loadUnits } from "./units";
import { countEvents } from "./count-events";
import { fillEventH3 } from "./event-h3";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

const window = { from: new Date("2026-01-01T00:00:00Z"), to: new Date("2026-07-01T00:00:00Z"), categories: null as EventCategory[] | null, street: undefined as string | undefined };
type Window = typeof window;

/**
 * Counts per hexagon straight from the events' coordinates, binned here with h3-js; a street is
 * its cells' events (a cell's code starts with its street's 9 digits). Every filed event counts:
 * the analysis's hexagons must cover the whole area, edges included.
 */
async function reference(tx: Db, resolution: number, w: Window = window): Promise<Map<string, number>> {
  const rows = await query<{ x: number; y: number; category: string; cell: string }>(
    tx,
    sql`select ST_X(e.geom) as x, ST_Y(e.geom) as y, e.category::text as category, g.code as cell from events e join grid_cells g on g.id = e.grid_cell_id
        where e.occurred_at >= ${w.from.toISOString()}::timestamptz and e.occurred_at < ${w.to.toISOString()}::timestamptz`,
  ).then((all) => all.filter((r) => (!w.categories || w.categories.includes(r.category as EventCategory)) && (!w.street || r.cell.startsWith(w.street.slice(0, 9)))));
  const counts = new Map<string, number>();
  for (const r of rows) {
    const h = latLngToCell(Number(r.y), Number(r.x), resolution);
    counts.set(h, (counts.get(h) ?? 0) + 1);
  }
  return counts;
}

async function counted(tx: Db, resolution: number, w: Window = window): Promise<Map<string, number>> {
  const units = await loadUnits(tx, "h3", resolution, w.street);
  const { counts } = await countEvents(tx, units, w, null);
  return new Map(units.units.map((u, i) => [u.code, counts[0]![i]!] as [string, number]).filter(([, n]) => n > 0));
}

describe("stored H3 cells of events", () => {
  it("count per hexagon exactly as binning each event's position, and follow moves and new events", async () => {
    await withTestDistrict(database.db, 11, async (tx) => {
      for (const resolution of [8, 9]) {
        const expected = await reference(tx, resolution);
        expect([...expected.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(500);
        expect(await counted(tx, resolution)).toEqual(expected);
      }
      const [stored] = await query<{ n: number }>(tx, sql`select count(*)::int as n from event_h3`);
      expect(Number(stored!.n)).toBeGreaterThan(500);

      // Move one event ~1 km and add one: the stored cells follow.
      await tx.execute(sql`update events set geom = ST_Translate(geom, 0.01, 0) where id = (
        select id from events where occurred_at >= ${window.from.toISOString()}::timestamptz and occurred_at < ${window.to.toISOString()}::timestamptz
        and grid_cell_id is not null order by id limit 1)`);
      await tx.execute(sql`insert into events (geom, occurred_at, category, source)
        select ST_PointOnSurface(geom), '2026-03-03T10:00:00+08:00', 'complaint', 'hotline' from grid_cells order by code limit 1`);
      expect(await counted(tx, 9)).toEqual(await reference(tx, 9));

      // A category filter, a street, and an event whose category and time change: the stored
      // copies of category and time follow.
      const complaints = { ...window, categories: ["complaint" as EventCategory] };
      expect([...(await reference(tx, 9, complaints)).values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(20);
      expect(await counted(tx, 9, complaints)).toEqual(await reference(tx, 9, complaints));
      await tx.execute(sql`update events set category = 'complaint', occurred_at = '2026-02-02T09:00:00+08:00' where id = (
        select id from events where category <> 'complaint' and occurred_at < ${window.from.toISOString()}::timestamptz
        and grid_cell_id is not null order by id limit 1)`);
      expect(await counted(tx, 9, complaints)).toEqual(await reference(tx, 9, complaints));
      const street = { ...window, street: "330302006000" };
      expect([...(await reference(tx, 8, street)).values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(50);
      expect(await counted(tx, 8, street)).toEqual(await reference(tx, 8, street));

      // Queued ids far apart (events imported long after the others, or with ids of their own):
      // the fill reads windows of ids and must reach every one, whatever the gaps.
      await tx.execute(sql`insert into events (id, geom, occurred_at, category, source)
        select (select max(id) from events) + gap, g.geom, '2026-04-04T10:00:00+08:00', 'complaint', 'hotline'
        from (select ST_PointOnSurface(geom) as geom from grid_cells order by code limit 1) g,
          unnest(array[3, 70000, 5000000, 900000000]::bigint[]) as gap`);
      expect(await counted(tx, 9)).toEqual(await reference(tx, 9));
      const [queued] = await query<{ n: number }>(tx, sql`select count(*)::int as n from event_h3_pending`);
      expect(Number(queued!.n)).toBe(0);

      // Sparse ids, then a dense run: the window widened over the sparse ones must not swallow
      // the run in one page (pages of 10 here: none over 20), and every event is reached.
      await tx.execute(sql`insert into events (id, geom, occurred_at, category, source)
        select m.base + gap, g.geom, '2026-04-05T10:00:00+08:00', 'complaint', 'hotline'
        from (select max(id) as base from events) m, (select ST_PointOnSurface(geom) as geom from grid_cells order by code limit 1) g,
          (select unnest(array[1000, 2000, 3000, 4000, 5000]::bigint[]) as gap union all select 100000 + i from generate_series(1, 100) i) gaps`);
      const pages: number[] = [];
      expect(await fillEventH3(tx, { batch: 10, onPage: (n) => pages.push(n) })).toBe(105);
      expect(Math.max(...pages)).toBeLessThanOrEqual(20);
      expect(await counted(tx, 9)).toEqual(await reference(tx, 9));
    });
  });
});
