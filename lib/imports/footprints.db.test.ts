import { sql } from "drizzle-orm";
import { strToU8 } from "fflate";
import { VectorTile } from "@mapbox/vector-tile";
import { PbfReader } from "pbf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorWithRole, SYSTEM_ACTOR } from "@/lib/auth/actor";
import { query, queryOne } from "@/lib/db/query";
import { openTestDatabase, withTestDistrict } from "@/lib/db/test-database";
import type { Database, Db } from "@/lib/db/types";
import { serveTile } from "@/lib/tiles/serve-tile";
import { commitImport, createImport, getImport, ImportOptions, stageImport } from "./imports";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

const admin = actorWithRole("admin");
const square = (x: number, y: number, d: number) => ({ type: "Polygon", coordinates: [[[x - d, y - d], [x + d, y - d], [x + d, y + d], [x - d, y + d], [x - d, y - d]]] });

async function importFootprints(tx: Db, features: unknown[]) {
  const id = await createImport(tx, admin, "buildings.geojson", ImportOptions.parse({ layer: "footprints" }));
  await stageImport(tx, id, "buildings.geojson", strToU8(JSON.stringify({ type: "FeatureCollection", features })));
  const report = (await getImport(tx, admin, id)).report!;
  await commitImport(tx, admin, id);
  return report;
}

describe("building footprints without register data", () => {
  it("import as outlines, take in the register rows standing in them, and reach the map with their counts", async () => {
    await withTestDistrict(database.db, 5, async (tx) => {
      const buildings = await query<{ id: number; x: number; y: number }>(tx, sql`select id, ST_X(geom) as x, ST_Y(geom) as y from rental_buildings order by id`);
      const a = buildings[0]!;
      const d = 0.00004; // ~4 m
      // Which register rows stand in the outline around A, counted here from their coordinates.
      const inA = buildings.filter((b) => Math.abs(b.x - a.x) < d && Math.abs(b.y - a.y) < d).length;
      // A spot inside the district with no register row near it.
      const empty = (await queryOne<{ x: number; y: number }>(
        tx,
        sql`select ST_X(p) as x, ST_Y(p) as y from (select ST_PointOnSurface(geom) as p from grid_cells order by id) c
            where not exists (select 1 from rental_buildings b where ST_DWithin(b.geom, c.p, 0.0002)) limit 1`,
      ))!;
      const report = await importFootprints(tx, [
        { type: "Feature", geometry: square(a.x, a.y, d), properties: { 层数: "6" } },
        { type: "Feature", geometry: square(empty.x, empty.y, d), properties: { 层数: "" } },
        { type: "Feature", geometry: square(a.x, a.y, d), properties: { 层数: "七" } },
        { type: "Feature", geometry: { type: "Point", coordinates: [a.x, a.y] }, properties: {} },
      ]);
      expect(report, JSON.stringify(report.rejections)).toMatchObject({ ok: 2, rejected: 2 });
      expect(report.rejections.map((r) => r.reason).join(" | ")).toMatch(/floors: give the number of floors as digits/);
      const outlines = await query<{ id: number; floors: number | null; source: string }>(tx, sql`select id, floors, source from building_footprints order by id`);
      expect(outlines.map((o) => [o.floors, o.source])).toEqual([[6, "buildings.geojson"], [null, "buildings.geojson"]]);
      const attached = await query<{ id: number }>(tx, sql`select id from rental_buildings where footprint_id = ${outlines[0]!.id} order by id`);
      expect(attached.length).toBe(inA);
      expect(attached.map((r) => r.id)).toContain(a.id);
      expect((await queryOne<{ n: number }>(tx, sql`select count(*)::int as n from rental_buildings where footprint_id = ${outlines[1]!.id}`))!.n).toBe(0);

      // A register row written later inside the empty outline attaches to it by itself.
      await tx.execute(sql`insert into rental_buildings (code, address, units, geom)
        select 'FOOTPRINT-TEST-1', '测试地址', 2, ST_SetSRID(ST_MakePoint(${empty.x}, ${empty.y}), 4326)`);
      expect((await queryOne<{ f: number }>(tx, sql`select footprint_id as f from rental_buildings where code = 'FOOTPRINT-TEST-1'`))!.f).toBe(outlines[1]!.id);

      // The tile holding A at z16 carries the outline with its count.
      const z = 16;
      const x = Math.floor(((a.x + 180) / 360) * 2 ** z);
      const r = (a.y * Math.PI) / 180;
      const y = Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * 2 ** z);
      const tile = await serveTile({ ...database, db: tx }, SYSTEM_ACTOR, "footprints", { z, x, y }, {});
      const layer = new VectorTile(new PbfReader(tile.bytes)).layers.footprints!;
      const props = Array.from({ length: layer.length }, (_, i) => layer.feature(i).properties);
      expect(props).toContainEqual(expect.objectContaining({ id: outlines[0]!.id, floors: 6, rentals: inA }));
    });
  });
});
