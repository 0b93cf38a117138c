import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { seedDemoDistrict } from "@/db/seed";
import { query } from "@/lib/db/query";
import { openTestDatabase, withRollback } from "@/lib/db/test-database";
import type { Database, Db } from "@/lib/db/types";
import { EventSeriesParams, getEventSeries } from "./get-event-series";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

const DAY = 86_400_000;
const WUMA = "330302006000";

/**
 * The reference: every event read as a plain row, bucketed here by its China week (Monday), with
 * only the weeks wholly inside [from, to) — nothing of the code under test.
 */
async function expectedSeries(tx: Db, from: string, to: string, filter: { categories?: string[]; street?: string; box?: number[] }) {
  const rows = await query<{ at: string; category: string; street: string; lon: number; lat: number }>(
    tx,
    sql`select to_char(e.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as at, e.category::text as category, c.street_code as street,
               ST_X(e.geom)::float8 as lon, ST_Y(e.geom)::float8 as lat
        from events e join grid_cells g on g.id = e.grid_cell_id join communities c on c.code = g.community_code`,
  );
  const chinaDay = (t: number) => Math.floor((t + 8 * 3_600_000) / DAY); // days since 1970-01-01 in China
  const mondayOf = (day: number) => day - ((day + 3) % 7); // 1970-01-01 was a Thursday
  const [fromDay, toDay] = [chinaDay(Date.parse(from)), chinaDay(Date.parse(to))];
  const weeks = new Map<number, Record<string, number>>();
  for (let monday = mondayOf(fromDay) < fromDay ? mondayOf(fromDay) + 7 : fromDay; monday + 7 <= toDay; monday += 7) weeks.set(monday, { total: 0 });
  for (const r of rows) {
    if (filter.categories && !filter.categories.includes(r.category)) continue;
    if (filter.street && r.street !== filter.street) continue;
    if (filter.box && !(r.lon >= filter.box[0]! && r.lat >= filter.box[1]! && r.lon <= filter.box[2]! && r.lat <= filter.box[3]!)) continue;
    const week = weeks.get(mondayOf(chinaDay(Date.parse(r.at))));
    if (!week) continue;
    week[r.category] = (week[r.category] ?? 0) + 1;
    week.total! += 1;
  }
  return [...weeks].map(([monday, counts]) => ({ start: new Date(monday * DAY).toISOString().slice(0, 10), ...counts }));
}

/** The series' rows without the categories that counted nothing (the reference lists only what it saw). */
const nonZero = (rows: Record<string, unknown>[]) => rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k, v]) => k === "start" || k === "total" || v !== 0)));

describe(`events per week (${process.env.TEST_DB ?? "embedded"})`, () => {
  it("counts each whole China week of the window by category, with and without a street, a category filter or a bounding box", async () => {
    await withRollback(database.db, async (tx) => {
      await seedDemoDistrict(tx, { scale: "test", seed: 5, anchorDate: "2026-06-30" });
      // From a Wednesday to a Friday: the partial weeks at both ends are left out.
      const window = { from: "2026-03-04T00:00:00+08:00", to: "2026-06-26T00:00:00+08:00" };
      for (const filter of [{}, { street: WUMA }, { categories: ["stall_violation", "complaint"] }]) {
        const expected = await expectedSeries(tx, window.from, window.to, filter);
        expect(expected.length).toBe(15);
        expect(expected.reduce((s, w) => s + Number((w as Record<string, unknown>).total), 0), JSON.stringify(filter)).toBeGreaterThan(20);
        const input = { ...window, step: "week", ...(filter.street ? { street: filter.street } : {}), ...(filter.categories ? { categories: filter.categories.join(",") } : {}) };
        const weekly = await getEventSeries(tx, SYSTEM_ACTOR, EventSeriesParams.parse(input));
        expect(nonZero(weekly.rows), JSON.stringify(filter)).toEqual(expected);
        // A bounding box around the whole district filters nothing: the same rows.
        const boxed = await getEventSeries(tx, SYSTEM_ACTOR, EventSeriesParams.parse({ ...input, bbox: "119,27,122,29" }));
        expect(boxed.rows, JSON.stringify(filter)).toEqual(weekly.rows);
      }
      // A box over part of the district (west of 五马's centre) counts the events inside it. PostGIS
      // compares boxes in single precision (an event within ~1e-5° of an edge may count on either
      // side), so the edge is put where no event is that close.
      const lons = (await query<{ lon: number }>(tx, sql`select ST_X(geom)::float8 as lon from events`)).map((r) => Number(r.lon));
      let edge = 120.6607;
      while (lons.some((lon) => Math.abs(lon - edge) < 1e-4)) edge += 0.00037;
      const box = [119, 27, edge, 29];
      const inBox = await expectedSeries(tx, window.from, window.to, { box });
      const partial = await getEventSeries(tx, SYSTEM_ACTOR, EventSeriesParams.parse({ ...window, step: "week", bbox: box.join(",") }));
      expect(nonZero(partial.rows)).toEqual(inBox);
      const all = (await expectedSeries(tx, window.from, window.to, {})).reduce((n, w) => n + Number((w as Record<string, unknown>).total), 0);
      const some = inBox.reduce((n, w) => n + Number((w as Record<string, unknown>).total), 0);
      expect(some).toBeGreaterThan(0);
      expect(some).toBeLessThan(all);
    });
  });
});
