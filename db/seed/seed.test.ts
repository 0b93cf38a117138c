import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { query, queryOne } from "@/lib/db/query";
import { openTestDatabase, withRollback } from "@/lib/db/test-database";
import type { Database } from "@/lib/db/types";
import { demoChecksum } from "./checksum";
import { seedDemoDistrict, SCALES } from "./index";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

const options = { scale: "test" as const, seed: 7, anchorDate: "2026-06-30" };

describe(`demo district generator (${process.env.TEST_DB ?? "embedded"})`, () => {
  it("seeding demo twice with the same seed gives identical rows; another seed differs", async () => {
    const demo = { ...options, scale: "demo" as const };
    const first = await withRollback(database.db, async (tx) => {
      await seedDemoDistrict(tx, demo);
      return demoChecksum(tx);
    });
    const second = await withRollback(database.db, async (tx) => {
      await seedDemoDistrict(tx, demo);
      return demoChecksum(tx);
    });
    const other = await withRollback(database.db, async (tx) => {
      await seedDemoDistrict(tx, { ...options, seed: 8 });
      return demoChecksum(tx);
    });
    expect(first).toMatch(/^[0-9a-f]{32}$/);
    expect(second).toBe(first);
    expect(other).not.toBe(first);
  }, 360_000); // three demo districts: ~75 s on PGlite alone, twice that on a busy 2-core machine

  it("produces the hierarchy, counts and codes of the chosen scale", async () => {
    await withRollback(database.db, async (tx) => {
      const meta = await seedDemoDistrict(tx, options);
      const counts = await queryOne<Record<string, number>>(
        tx,
        sql`select (select count(*) from streets)::int as streets,
                   (select count(*) from communities)::int as communities,
                   (select count(*) from grid_cells)::int as cells,
                   (select count(*) from rental_buildings)::int as buildings,
                   (select count(*) from events)::int as events,
                   (select count(*) from pois)::int as pois,
                   (select count(*) from no_stall_zones)::int as zones,
                   (select count(*) from guidance_points)::int as guidance`,
      );
      const scale = SCALES.test;
      expect(counts).toMatchObject({ streets: 14, communities: scale.communities, buildings: scale.rentalBuildings, pois: scale.pois });
      expect(counts?.cells).toBeGreaterThanOrEqual(scale.gridCells);
      expect(Math.abs((counts?.events ?? 0) - scale.events)).toBeLessThanOrEqual(20);
      expect(counts?.zones).toBeGreaterThan(scale.zones * 0.8);
      expect(counts?.guidance).toBeGreaterThan(scale.guidancePoints * 0.8);
      expect(meta.plantedSites.map((s) => s.kind)).toEqual(expect.arrayContaining(["persistent", "intensifying", "new", "diminishing"]));

      // Codes: 12-digit streets/communities, 15-digit cells whose first 12 digits are their community.
      const wuma = await queryOne<{ name_zh: string }>(tx, sql`select name_zh from streets where code = '330302006000'`);
      expect(wuma?.name_zh).toBe("五马街道");
      const badCodes = await queryOne<{ n: number }>(
        tx,
        sql`select count(*)::int as n from grid_cells g join communities c on c.code = g.community_code
            where g.code !~ '^[0-9]{15}$' or left(g.code, 9) <> left(c.street_code, 9)`,
      );
      expect(badCodes?.n).toBe(0);
    });
  });

  it("tiles every level: no gaps or overlaps between streets, communities and cells", async () => {
    await withRollback(database.db, async (tx) => {
      await seedDemoDistrict(tx, options);
      // Sum of child areas equals the parent area, and no two siblings share area (> 1 m²).
      // Planar areas (square degrees) are exactly additive; geodesic areas are not, because splitting
      // a long edge adds vertices that change its geodesic shape. Checked with explicit sums, not
      // ST_Union: PGlite can swallow GEOS errors in unions.
      const levels = await query<{ level: string; parent: number; children: number }>(
        tx,
        sql`select 'communities' as level, (select sum(ST_Area(geom)) from streets) as parent,
                   (select sum(ST_Area(geom)) from communities) as children
            union all
            select 'cells', (select sum(ST_Area(geom)) from communities), (select sum(ST_Area(geom)) from grid_cells)`,
      );
      for (const level of levels) {
        const relativeGap = Math.abs(Number(level.children) - Number(level.parent)) / Number(level.parent);
        expect(relativeGap, level.level).toBeLessThan(1e-9);
      }
      // Interiors that share area, by the DE-9IM predicate (no overlay, so nothing to swallow).
      const overlaps = await queryOne<{ n: number }>(
        tx,
        sql`select count(*)::int as n from grid_cells a join grid_cells b
              on a.id < b.id and a.geom && b.geom and ST_Relate(a.geom, b.geom, '2********')`,
      );
      expect(overlaps?.n).toBe(0);
      // Overlays of neighbouring cells must succeed (PGlite's GEOS returns no rows where it fails).
      const pairs = await queryOne<{ touching: number; overlaid: number }>(
        tx,
        sql`select count(*)::int as touching,
                   count(ST_Area(ST_Intersection(a.geom, b.geom)))::int as overlaid
            from grid_cells a join grid_cells b on a.id < b.id and a.geom && b.geom and ST_Intersects(a.geom, b.geom)`,
      );
      expect(pairs?.touching).toBeGreaterThan(100);
      expect(pairs?.overlaid).toBe(pairs?.touching);
      const streetArea = await queryOne<{ km2: number }>(tx, sql`select sum(ST_Area(geom::geography)) / 1e6 as km2 from streets`);
      expect(Number(streetArea?.km2)).toBeGreaterThan(250);
      expect(Number(streetArea?.km2)).toBeLessThan(330);
    });
  });

  it("varies coverage between cells and assigns points to cells by location", async () => {
    await withRollback(database.db, async (tx) => {
      await seedDemoDistrict(tx, options);
      const rates = await query<{ rate: number }>(
        tx,
        sql`select avg((registration_status = 'registered')::int)::float8 as rate
            from rental_buildings group by grid_cell_id having count(*) >= 5`,
      );
      const below = rates.filter((r) => r.rate < 0.95).length;
      const atTarget = rates.filter((r) => r.rate >= 0.95).length;
      expect(below).toBeGreaterThan(0);
      expect(atTarget).toBeGreaterThan(0);
      const unassigned = await queryOne<{ n: number; wrong: number }>(
        tx,
        sql`select count(*) filter (where b.grid_cell_id is null)::int as n,
                   count(*) filter (where b.grid_cell_id is not null and not ST_Covers(g.geom, b.geom))::int as wrong
            from rental_buildings b left join grid_cells g on g.id = b.grid_cell_id`,
      );
      expect(unassigned?.wrong).toBe(0);
      expect(unassigned?.n).toBeLessThanOrEqual(SCALES.test.rentalBuildings * 0.01);
    });
  });
});
