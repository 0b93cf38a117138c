import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { getHotspots, HotspotParams } from "@/lib/analytics/get-hotspots";
import { query, queryOne } from "@/lib/db/query";
import { openTestDatabase, withRollback } from "@/lib/db/test-database";
import type { Database, Db } from "@/lib/db/types";
import { CITY_STEP_DEGREES } from "./city";
import { seedDemoDistrict } from "./index";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

const city = { scale: "test" as const, seed: 7, anchorDate: "2026-06-30", districts: 3 };
const codes = ["330302", "330303", "330304"];

/** Per cell code with the district's six digits cut off: how many events and buildings it holds. */
async function perCell(tx: Db, district: string): Promise<Map<string, string>> {
  const rows = await query<{ rest: string; events: number; buildings: number }>(
    tx,
    sql`select substr(g.code, 7) as rest,
               (select count(*) from events e where e.grid_cell_id = g.id)::int as events,
               (select count(*) from rental_buildings b where b.grid_cell_id = g.id)::int as buildings
        from grid_cells g where left(g.code, 6) = ${district}`,
  );
  return new Map(rows.map((r) => [r.rest, `${r.events}/${r.buildings}`]));
}

describe(`a city of several districts (${process.env.TEST_DB ?? "embedded"})`, () => {
  it("copies the district under each code, moved south, with the same figures cell by cell", async () => {
    await withRollback(database.db, async (tx) => {
      const meta = await seedDemoDistrict(tx, city);
      expect(meta.districts).toEqual(codes);
      const [template, ...copies] = await Promise.all(codes.map((c) => perCell(tx, c)));
      expect(template!.size).toBeGreaterThan(0);
      for (const copy of copies) expect(copy).toEqual(template);
      // Each copy's streets are the template's moved south by k steps, under the new code, and
      // no two districts touch.
      const streets = await queryOne<{ moved: number; all: number; touching: number; names: number }>(
        tx,
        sql`select count(*) filter (where ST_Equals(c.geom, ST_Translate(t.geom, 0, -${CITY_STEP_DEGREES}::float8 * k.k)))::int as moved,
                   count(*)::int as "all",
                   (select count(*) from streets a join streets b on left(a.code, 6) < left(b.code, 6) and ST_Intersects(a.geom, b.geom))::int as touching,
                   count(*) filter (where c.name_zh like '%' || t.name_zh and c.name_zh <> t.name_zh)::int as names
            from streets t
            join (values (1, '330303'), (2, '330304')) k(k, code) on true
            join streets c on c.code = k.code || substr(t.code, 7)
            where left(t.code, 6) = '330302'`,
      );
      expect(streets).toEqual({ moved: streets!.all, all: 28, touching: 0, names: 28 });
      // Every building's register history and every check came along, pointing at the copy's rows.
      const history = await query<{ district: string; periods: number; checks: number; stray: number }>(
        tx,
        sql`select left(b.code, 6) as district, count(distinct h.id)::int as periods, count(distinct c.id)::int as checks,
                   count(*) filter (where h.grid_cell_id is distinct from b.grid_cell_id and h.valid_to is null)::int as stray
            from rental_buildings b
            join rental_building_history h on h.building_id = b.id
            left join building_checks c on c.building_id = b.id
            group by 1 order by 1`,
      );
      expect(history.map((h) => h.district)).toEqual(codes);
      for (const h of history) expect({ ...h, district: "" }).toEqual({ ...history[0]!, district: "" });
      expect(history[0]!.stray).toBe(0);
      // New rows take ids past the copies'.
      const next = await queryOne<{ fresh: number; most: number }>(
        tx,
        sql`with n as (insert into events (geom, occurred_at, category, status, source)
                       values (ST_SetSRID(ST_MakePoint(120.66, 28.02), 4326), now(), 'complaint', 'reported', 'patrol') returning id)
            select (select id from n)::float8 as fresh, (select max(id) from events where id not in (select id from n))::float8 as most`,
      );
      expect(next!.fresh).toBeGreaterThan(next!.most);
    });
  }, 240_000);

  it("finds the same hot spots in each district of the city (they are copies that do not touch)", async () => {
    await withRollback(database.db, async (tx) => {
      await seedDemoDistrict(tx, city);
      const result = await getHotspots(tx, SYSTEM_ACTOR, HotspotParams.parse({ to: "2026-06-30T16:00:00Z" }));
      expect(result.features.length).toBe(3 * (await queryOne<{ n: number }>(tx, sql`select count(*)::int as n from grid_cells where left(code, 6) = '330302'`))!.n);
      const z = new Map(result.features.map((f) => [f.properties.code, f.properties.gi_z]));
      let hot = 0;
      for (const [code, value] of z) {
        if (!code.startsWith("330302")) continue;
        if (value > 1.96) hot++;
        for (const other of codes.slice(1)) expect(Math.abs(z.get(other + code.slice(6))! - value), code).toBeLessThan(1e-9);
      }
      expect(hot).toBeGreaterThan(0);
    });
  }, 240_000);

  it("a reseed of one district takes the copies away again; the district's own footprints are never copied", async () => {
    await withRollback(database.db, async (tx) => {
      // An imported footprint (not demo data) inside the district.
      await tx.execute(sql`insert into building_footprints (floors, source, geom)
        values (3, 'import', ST_Multi(ST_MakeEnvelope(120.6600, 28.0220, 120.6602, 28.0222, 4326)))`);
      await seedDemoDistrict(tx, city);
      expect((await queryOne<{ n: number }>(tx, sql`select count(*)::int as n from building_footprints`))!.n).toBe(1);
      await seedDemoDistrict(tx, { ...city, districts: 1 });
      const left = await query<{ d: string }>(tx, sql`select distinct left(code, 6) as d from streets union select distinct left(code, 6) from grid_cells`);
      expect(left.map((r) => r.d)).toEqual(["330302"]);
    });
  }, 240_000);
});
