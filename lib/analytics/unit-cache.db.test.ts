import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { layerStateKey } from "@/lib/db/layer-state";
import { query } from "@/lib/db/query";
import { openScratchDatabase, openTestDatabase, withRollback, withTestDistrict } from "@/lib/db/test-database";
import type { Database, Db } from "@/lib/db/types";
import { loadUnits, queenNeighbours } from "./units";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

/** Each cell's queen neighbours straight from PostGIS (touching within 1e-9°), by code. */
async function referenceNeighbours(tx: Db): Promise<Map<string, string[]>> {
  const rows = await query<{ a: string; b: string }>(
    tx,
    sql`select x.code as a, y.code as b from grid_cells x join grid_cells y on x.code <> y.code and ST_DWithin(x.geom, y.geom, 1e-9) order by 1, 2`,
  );
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.a, [...(out.get(r.a) ?? []), r.b]);
  return out;
}

async function neighboursByCode(tx: Db, area?: string): Promise<Map<string, string[]>> {
  const units = await loadUnits(tx, "grid-cells", 9, area);
  const neighbours = await queenNeighbours(tx, units, area);
  const out = new Map<string, string[]>();
  units.units.forEach((u, i) => {
    if (neighbours[i]!.length > 0) out.set(u.code, neighbours[i]!.map((j) => units.units[j]!.code).sort());
  });
  return out;
}

/** The reference's pairs with both cells inside `area` (a street's or a district's code prefix). */
function within(reference: Map<string, string[]>, prefix: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [a, bs] of reference) {
    const inside = bs.filter((b) => b.startsWith(prefix));
    if (a.startsWith(prefix) && inside.length > 0) out.set(a, inside);
  }
  return out;
}

describe("neighbours within an area", () => {
  it("are the cells' own neighbours inside a street and inside a whole district", async () => {
    await withTestDistrict(database.db, 6, async (tx) => {
      const reference = await referenceNeighbours(tx);
      const [street] = await query<{ code: string }>(tx, sql`select code from streets order by code limit 1`);
      const district = street!.code.slice(0, 6);
      const inStreet = within(reference, street!.code.slice(0, 9));
      const inDistrict = within(reference, district);
      expect(inStreet.size).toBeGreaterThan(4);
      expect(inDistrict.size).toBeGreaterThan(inStreet.size);
      expect(await neighboursByCode(tx, street!.code)).toEqual(inStreet);
      // A district's code is an area too (a district commander's or planner's analyses): its
      // cells keep their neighbours across the district's streets.
      expect(await neighboursByCode(tx, district)).toEqual(inDistrict);
    });
  });
});

describe("units and neighbours kept between analyses", () => {
  it("follow every edit of the grid: a deleted cell, a moved one", async () => {
    await withTestDistrict(database.db, 5, async (tx) => {
      const before = await loadUnits(tx, "grid-cells", 9, undefined);
      expect(await neighboursByCode(tx)).toEqual(await referenceNeighbours(tx));
      expect((await loadUnits(tx, "grid-cells", 9, undefined)).units).toBe(before.units); // kept, not read again

      const [gone] = await query<{ code: string }>(tx, sql`delete from grid_cells where code = (select min(code) from grid_cells) returning code`);
      const afterDelete = await loadUnits(tx, "grid-cells", 9, undefined);
      expect(afterDelete.units).toHaveLength(before.units.length - 1);
      expect(afterDelete.index.has(gone!.code)).toBe(false);
      expect(await neighboursByCode(tx)).toEqual(await referenceNeighbours(tx));

      // Shift one cell 100 m east: its geometry, and who touches it, change.
      const [moved] = await query<{ code: string }>(
        tx,
        sql`update grid_cells set geom = ST_Multi(ST_Translate(geom, 0.001, 0)) where code = (select max(code) from grid_cells) returning code`,
      );
      const afterMove = await loadUnits(tx, "grid-cells", 9, undefined);
      const was = before.units[before.index.get(moved!.code)!]!.geometry;
      const now = afterMove.units[afterMove.index.get(moved!.code)!]!.geometry;
      expect(now).not.toEqual(was);
      expect(await neighboursByCode(tx)).toEqual(await referenceNeighbours(tx));
    });
  });

  it("never mixes two databases whose layers carry the same version numbers", async () => {
    const other = await openScratchDatabase();
    try {
      const set = (db: Db) => db.execute(sql`insert into layer_versions (layer, version) values ('grid-cells', 7) on conflict (layer) do update set version = 7`);
      await set(other.db);
      await withRollback(database.db, async (tx) => {
        await set(tx);
        const here = await layerStateKey(tx, ["grid-cells"]);
        expect(here).toMatch(/grid-cells=7$/);
        expect(here).not.toBe(await layerStateKey(other.db, ["grid-cells"]));
      });
    } finally {
      await other.close();
    }
  });
});
