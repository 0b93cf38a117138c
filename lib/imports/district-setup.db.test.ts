import { sql } from "drizzle-orm";
import { strToU8 } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CoverageParams, getCoverage } from "@/lib/analytics/get-coverage";
import { actorWithRole, SYSTEM_ACTOR } from "@/lib/auth/actor";
import { query, queryOne } from "@/lib/db/query";
import { openTestDatabase, withRollback } from "@/lib/db/test-database";
import type { Database, Db } from "@/lib/db/types";
import { commitImport, createImport, getImport, ImportOptions, stageImport } from "./imports";
import { districtReadiness, getDistrictStatus } from "@/lib/setup/district-status";
import { gbkShapefileZip } from "./testing/shapefile-fixture";
import { box, cells, community, communityFeatures, GAP, GK_120E, insideRectangle as inside, OVERLAP, STREET, streetFeature, toLonLat, X0, Y0 } from "./testing/district-fixture";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

const admin = actorWithRole("admin");

async function run(tx: Db, fileName: string, bytes: Uint8Array, options: Partial<ImportOptions> & { layer: ImportOptions["layer"] }, actor = admin) {
  const id = await createImport(tx, actor, fileName, ImportOptions.parse(options));
  await stageImport(tx, id, fileName, bytes);
  return { id, status: await getImport(tx, actor, id) };
}

describe("setting a district up from its own files", () => {
  it("streets, communities and cells from GBK Shapefiles in Gauss–Krüger: a planted gap and overlap reported where they are", async () => {
    await withRollback(database.db, async (tx) => {
      expect((await getDistrictStatus(tx, admin)).next).toBe("district-boundary");
      expect(await districtReadiness(tx)).toEqual({ map: false, analytics: false });
      // Nothing says where the district is: an events import is refused, not accepted anywhere.
      const early = await run(tx, "e.geojson", strToU8(JSON.stringify({ type: "FeatureCollection", features: [{ type: "Feature", geometry: { type: "Point", coordinates: [120.65, 28.0] }, properties: { category: "complaint", occurred_at: "2026-11-01T10:00:00+08:00" } }] })), { layer: "events" }, actorWithRole("planner"));
      expect(early.status.report?.rejections[0]?.reason).toMatch(/no boundary or streets yet/);

      const street = await gbkShapefileZip([streetFeature], { prj: GK_120E });
      const streets = await run(tx, "街道.zip", street, { layer: "streets" });
      expect(streets.status.report, JSON.stringify(streets.status.report)).toMatchObject({ ok: 1, rejected: 0 });
      expect(streets.status.report!.notes.join(" ")).toMatch(/gb18030|gbk/i);
      await commitImport(tx, admin, streets.id);
      expect((await getDistrictStatus(tx, admin)).next).toBe("communities");

      const communities = await gbkShapefileZip(communityFeatures, { prj: GK_120E });
      const comm = await run(tx, "社区.zip", communities, { layer: "communities" });
      expect(comm.status.report, JSON.stringify(comm.status.report)).toMatchObject({ ok: 2, rejected: 0, topology: [] });
      await commitImport(tx, admin, comm.id);
      const stored = await query<{ code: string; street_code: string; name_zh: string }>(tx, sql`select code, street_code, name_zh from communities order by code`);
      expect(stored).toEqual([
        { code: community(1), street_code: STREET, name_zh: "东社区" },
        { code: community(2), street_code: STREET, name_zh: "西社区" },
      ]);

      const bowTie: GeoJSON.Polygon = { type: "Polygon", coordinates: [[[X0, Y0], [X0 + 100, Y0 + 100], [X0 + 100, Y0], [X0, Y0 + 100], [X0, Y0]]] };
      const grid = await gbkShapefileZip(
        [
          ...cells(1),
          ...cells(2),
          { geometry: box(X0, Y0, X0 + 10, Y0 + 10), properties: { 网格编码: "330302099009001" } },
          { geometry: bowTie, properties: { 网格编码: `${community(1)}099` } },
        ],
        { prj: GK_120E },
      );
      const before = await queryOne<{ n: number }>(tx, sql`select count(*)::int as n from grid_cells`);
      const imported = await run(tx, "网格.zip", grid, { layer: "grid-cells" });
      const report = imported.status.report!;
      expect(report, JSON.stringify(report)).toMatchObject({ rows: 34, ok: 32, rejected: 2 });
      expect(report.rejection_groups!.map((g) => g.reason).join(" | ")).toMatch(/community 330302099009 does not exist: import communities first/);
      expect(report.rejection_groups!.map((g) => g.reason).join(" | ")).toMatch(/invalid geometry/i);
      expect((await queryOne<{ n: number }>(tx, sql`select count(*)::int as n from grid_cells`))!.n).toBe(before!.n); // nothing before commit

      const gaps = report.topology!.filter((f) => f.kind === "gap");
      const overlaps = report.topology!.filter((f) => f.kind === "overlap");
      expect(gaps, JSON.stringify(report.topology)).toHaveLength(1);
      expect(overlaps, JSON.stringify(report.topology)).toHaveLength(1);
      expect(Math.abs(gaps[0]!.area_m2 - 5000) / 5000).toBeLessThan(0.05);
      expect(inside(gaps[0]!.at, GAP)).toBe(true);
      // Its shape, taken back to Gauss–Krüger metres here: the 20 × 250 m strip.
      const strip = (gaps[0]!.geometry as GeoJSON.Polygon).coordinates[0]!.map((p) => toLonLat.inverse(p as [number, number]));
      const shoelace = Math.abs(strip.reduce((sum, p, i) => sum + (i ? strip[i - 1]![0]! * p[1]! - p[0]! * strip[i - 1]![1]! : 0), 0)) / 2;
      expect(Math.abs(shoelace - 5000) / 5000).toBeLessThan(0.01);
      expect(Math.min(...strip.map((p) => p[0]!))).toBeCloseTo(GAP.x1, 0);
      expect(gaps[0]!.parent).toBe(community(1));
      expect(gaps[0]!.cells).toContain(GAP.code);
      expect(Math.abs(overlaps[0]!.area_m2 - 2500) / 2500).toBeLessThan(0.05);
      expect(inside(overlaps[0]!.at, OVERLAP)).toBe(true);
      expect(overlaps[0]!.cells.sort()).toEqual(OVERLAP.codes);

      await commitImport(tx, admin, imported.id);
      const status = await getDistrictStatus(tx, admin);
      expect(status.next).toBeNull();
      expect(status.ready).toEqual({ map: true, analytics: true });
      const cellsLayer = status.layers.find((l) => l.layer === "grid-cells")!;
      expect(cellsLayer).toMatchObject({ count: 32, lastImport: { file: "网格.zip" } });
      expect(cellsLayer.lastImport!.topology.map((f) => f.kind).sort()).toEqual(["gap", "overlap"]);
      await expect(getDistrictStatus(tx, actorWithRole("planner"))).rejects.toThrow(/only admins may set the district up/);
      const counted = await query<{ community_code: string; n: number }>(tx, sql`select community_code, count(*)::int as n from grid_cells group by 1 order by 1`);
      expect(counted).toEqual([
        { community_code: community(1), n: 16 },
        { community_code: community(2), n: 16 },
      ]);
      // The new grid is what analyses see.
      const coverage = await getCoverage(tx, SYSTEM_ACTOR, CoverageParams.parse({}));
      expect(coverage.features.map((f) => f.properties.code).sort()).toEqual([...cells(1), ...cells(2)].map((c) => c.properties["网格编码"]).sort());
    });
  });

  it("replace: the communities in the file keep only its cells; points follow their location", async () => {
    await withRollback(database.db, async (tx) => {
      const ring = [[X0, Y0], [X0 + 2000, Y0], [X0 + 2000, Y0 + 1000], [X0, Y0 + 1000], [X0, Y0]].map((p) => toLonLat.forward(p));
      await tx.execute(sql`insert into streets (code, name_zh, name_en, geom) values (${STREET}, '试验街道', 'Test', ST_Multi(ST_GeomFromGeoJSON(${JSON.stringify({ type: "Polygon", coordinates: [ring] })})))`);
      const lonLat = (g: GeoJSON.Polygon): GeoJSON.Polygon => ({ type: "Polygon", coordinates: g.coordinates.map((ring) => ring.map((p) => toLonLat.forward(p as [number, number]))) });
      const file = (features: { geometry: GeoJSON.Polygon; properties: Record<string, string> }[]) =>
        strToU8(JSON.stringify({ type: "FeatureCollection", features: features.map((f) => ({ type: "Feature", geometry: lonLat(f.geometry), properties: f.properties })) }));
      for (const n of [1, 2] as const) {
        await tx.execute(sql`insert into communities (code, street_code, name_zh, name_en, geom) values (${community(n)}, ${STREET}, ${`社区${n}`}, ${`C${n}`},
          ST_Multi(ST_GeomFromGeoJSON(${JSON.stringify(lonLat(box(X0 + (n - 1) * 1000, Y0, X0 + n * 1000, Y0 + 1000)))})))`);
      }
      const first = await run(tx, "cells.geojson", file([...cells(1), ...cells(2)]), { layer: "grid-cells" });
      await commitImport(tx, admin, first.id);
      // An event in cell 001-016, which the replacing file leaves out.
      const dropped = `${community(1)}016`;
      await tx.execute(sql`insert into events (geom, occurred_at, category, source)
        select ST_PointOnSurface(geom), now(), 'complaint', 'hotline' from grid_cells where code = ${dropped}`);
      const replacing = cells(1).filter((c) => c.properties["网格编码"] !== dropped);
      const second = await run(tx, "cells-v2.geojson", file(replacing), { layer: "grid-cells", mode: "replace" });
      expect(second.status.report).toMatchObject({ ok: 0, update: 15, rejected: 0 });
      await commitImport(tx, admin, second.id);
      const counted = await query<{ community_code: string; n: number }>(tx, sql`select community_code, count(*)::int as n from grid_cells group by 1 order by 1`);
      expect(counted).toEqual([
        { community_code: community(1), n: 15 },
        { community_code: community(2), n: 16 },
      ]);
      const orphan = await queryOne<{ cell: number | null }>(tx, sql`select grid_cell_id as cell from events where source = 'hotline' order by id desc limit 1`);
      expect(orphan!.cell).toBeNull();
    });
  });

  it("refuses what does not fit: a boundary that is a line, a replace for another layer, codes of another district", async () => {
    await withRollback(database.db, async (tx) => {
      const line = await run(tx, "b.geojson", strToU8(JSON.stringify({ type: "Feature", geometry: { type: "LineString", coordinates: [[120.6, 28], [120.7, 28.1]] }, properties: { name_zh: "鹿城区" } })), { layer: "district-boundary" });
      expect(line.status.report!.rejections[0]!.reason).toMatch(/LineString where a Polygon is needed/);
      expect(() => ImportOptions.parse({ layer: "streets", mode: "replace" })).toThrow(/grid-cells imports only/);
      await expect(createImport(tx, actorWithRole("planner"), "s.geojson", ImportOptions.parse({ layer: "streets" }))).rejects.toThrow(/only admins may set the district up/);

      const ring = [[120.6, 28.0], [120.7, 28.0], [120.7, 28.1], [120.6, 28.1], [120.6, 28.0]];
      const boundary = await run(tx, "b.geojson", strToU8(JSON.stringify({ type: "Feature", geometry: { type: "Polygon", coordinates: [ring] }, properties: { 区划代码: "330302", 区名称: "鹿城区" } })), { layer: "district-boundary" });
      expect(boundary.status.report).toMatchObject({ ok: 1 });
      await commitImport(tx, admin, boundary.id);
      // The boundary names its district in the list of districts (a city's overview reads it).
      expect(await query(tx, sql`select code, name_zh, name_en, demo from districts`)).toEqual([{ code: "330302", name_zh: "鹿城区", name_en: "鹿城区", demo: false }]);
      const small = [[120.61, 28.01], [120.62, 28.01], [120.62, 28.02], [120.61, 28.02], [120.61, 28.01]];
      const far = small.map(([x, y]) => [x! + 1, y!]);
      const streets = await run(
        tx,
        "s.geojson",
        strToU8(JSON.stringify({ type: "FeatureCollection", features: [
          { type: "Feature", geometry: { type: "Polygon", coordinates: [small] }, properties: { code: "330303001000", name_zh: "别区街道" } },
          { type: "Feature", geometry: { type: "Polygon", coordinates: [far] }, properties: { code: "330302001000", name_zh: "远处" } },
          { type: "Feature", geometry: { type: "Polygon", coordinates: [small] }, properties: { code: "330302002000", name_zh: "本区街道" } },
        ] })),
        { layer: "streets" },
      );
      // Roads as OSM and offices write them: highway tags, Chinese grades, none at all (the name decides).
      const segment = (dx: number) => [[120.61 + dx, 28.01], [120.62 + dx, 28.02]];
      const roads = await run(
        tx,
        "roads.geojson",
        strToU8(JSON.stringify({ type: "FeatureCollection", features: [
          { type: "Feature", geometry: { type: "LineString", coordinates: segment(0) }, properties: { name: "人民路", highway: "primary" } },
          { type: "Feature", geometry: { type: "MultiLineString", coordinates: [segment(0.01), segment(0.02)] }, properties: { 道路名称: "学院路", 道路等级: "次干道" } },
          { type: "Feature", geometry: { type: "LineString", coordinates: segment(0.03) }, properties: { name: "温州大道" } },
          { type: "Feature", geometry: { type: "LineString", coordinates: segment(0.04) }, properties: { highway: "residential" } },
          { type: "Feature", geometry: { type: "LineString", coordinates: segment(0.05) }, properties: { name: "Unnamed Road", highway: "trunk" } },
          { type: "Feature", geometry: { type: "Polygon", coordinates: [small] }, properties: { name: "面" } },
        ] })),
        { layer: "roads" },
      );
      expect(roads.status.report).toMatchObject({ ok: 5, rejected: 1 });
      expect(roads.status.report!.rejections[0]!.reason).toBe("a Polygon where a LineString is needed");
      await commitImport(tx, admin, roads.id);
      expect(await query<{ name: string; road_class: string }>(tx, sql`select name, road_class::text from roads order by id`)).toEqual([
        { name: "人民路", road_class: "arterial" },
        { name: "学院路", road_class: "secondary" },
        { name: "学院路", road_class: "secondary" },
        { name: "温州大道", road_class: "arterial" },
        { name: "", road_class: "local" },
        // A geocoder's placeholder is no name (no "Unnamed Road" label on the map); the tag still grades it.
        { name: "", road_class: "arterial" },
      ]);

      const reasons = streets.status.report!.rejections.map((r) => r.reason);
      expect(reasons).toEqual(["code 330303001000 belongs to another district (this one is 330302)", "outside the district boundary"]);
      expect(streets.status.report).toMatchObject({ ok: 1, rejected: 2 });
    });
  });

  it("keeps one outline per district: a city's file sets several, a later file replaces only its own", async () => {
    await withRollback(database.db, async (tx) => {
      const square = (x: number, y: number, d = 0.1) => [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]];
      const outline = (code: string, name: string, x: number, y: number, d?: number) => ({ type: "Feature", geometry: { type: "Polygon", coordinates: square(x, y, d) }, properties: { 区划代码: code, 区名称: name } });
      const importOutlines = async (features: object[]) => {
        const job = await run(tx, "b.geojson", strToU8(JSON.stringify({ type: "FeatureCollection", features })), { layer: "district-boundary" });
        await commitImport(tx, admin, job.id);
      };
      // Two districts in one file, the second in two pieces (an island).
      await importOutlines([outline("330302", "鹿城区", 120.6, 28.0), outline("330303", "龙湾区", 120.8, 28.0), outline("330303", "龙湾区", 120.8, 28.2, 0.02)]);
      const outlines = () => query<{ code: string; parts: number; area: number }>(tx, sql`select code, ST_NumGeometries(geom) as parts, round(ST_Area(geom)::numeric, 4)::float8 as area from district_boundary order by code`);
      expect(await outlines()).toEqual([{ code: "330302", parts: 1, area: 0.01 }, { code: "330303", parts: 2, area: 0.0104 }]);
      // A new outline of 龙湾区 alone: 鹿城区's stays as it was.
      await importOutlines([outline("330303", "龙湾区", 120.8, 28.0, 0.05)]);
      expect(await outlines()).toEqual([{ code: "330302", parts: 1, area: 0.01 }, { code: "330303", parts: 1, area: 0.0025 }]);
      expect(await query(tx, sql`select code from districts order by code`)).toEqual([{ code: "330302" }, { code: "330303" }]);

      // Streets: inside either district with its own code, or refused with the reason.
      const street = (code: string, x: number, y: number) => ({ type: "Feature", geometry: { type: "Polygon", coordinates: square(x, y, 0.01) }, properties: { code, name_zh: code } });
      const streets = await run(
        tx,
        "s.geojson",
        strToU8(JSON.stringify({ type: "FeatureCollection", features: [
          street("330302001000", 120.61, 28.01),
          street("330303001000", 120.81, 28.01),
          street("330304001000", 120.81, 28.02),
          street("330303002000", 120.9, 28.3),
        ] })),
        { layer: "streets" },
      );
      expect(streets.status.report).toMatchObject({ ok: 2, rejected: 2 });
      expect(streets.status.report!.rejections.map((r) => r.reason).sort()).toEqual([
        "code 330304001000 belongs to none of the districts here (330302, 330303)",
        "outside the district boundary",
      ]);

      // 龙湾区's own admin: its outline only, and streets of its own inside it.
      const longwan = actorWithRole("admin", null, "330303");
      const theirs = await run(
        tx,
        "b.geojson",
        strToU8(JSON.stringify({ type: "FeatureCollection", features: [outline("330302", "鹿城区", 120.0, 28.0), outline("330303", "龙湾区", 120.8, 28.0, 0.06), { ...outline("", "无码", 120.8, 28.0), properties: { 区名称: "无码" } }] })),
        { layer: "district-boundary" },
        longwan,
      );
      expect(theirs.status.report).toMatchObject({ ok: 1, rejected: 2 });
      expect(theirs.status.report!.rejections.map((r) => r.reason).sort()).toEqual(["code 330302 belongs to another district (this one is 330303)", "code: a district boundary needs its district's 6-digit code"]);
      await commitImport(tx, longwan, theirs.id);
      expect(await outlines()).toEqual([{ code: "330302", parts: 1, area: 0.01 }, { code: "330303", parts: 1, area: 0.0036 }]);
      const ownStreets = await run(
        tx,
        "s.geojson",
        strToU8(JSON.stringify({ type: "FeatureCollection", features: [street("330302003000", 120.61, 28.01), street("330303003000", 120.81, 28.01), street("330303004000", 120.65, 28.05)] })),
        { layer: "streets" },
        longwan,
      );
      expect(ownStreets.status.report).toMatchObject({ ok: 1, rejected: 2 });
      expect(ownStreets.status.report!.rejections.map((r) => r.reason).sort()).toEqual(["code 330302003000 belongs to another district (this one is 330303)", "outside your district"]);
    });
  });

  it("replaces an outline imported without a code by the same district's with one", async () => {
    await withRollback(database.db, async (tx) => {
      const ring = [[120.6, 28.0], [120.7, 28.0], [120.7, 28.1], [120.6, 28.1], [120.6, 28.0]];
      const boundary = (properties: object) => strToU8(JSON.stringify({ type: "Feature", geometry: { type: "Polygon", coordinates: [ring] }, properties }));
      const first = await run(tx, "b.geojson", boundary({ 区名称: "鹿城区" }), { layer: "district-boundary" });
      await commitImport(tx, admin, first.id);
      expect(await query(tx, sql`select code from district_boundary`)).toEqual([{ code: null }]);
      const second = await run(tx, "b.geojson", boundary({ 区划代码: "330302", 区名称: "鹿城区" }), { layer: "district-boundary" });
      await commitImport(tx, admin, second.id);
      expect(await query(tx, sql`select code from district_boundary`)).toEqual([{ code: "330302" }]);
      // From now on an outline must name its district.
      const third = await run(tx, "b.geojson", boundary({ 区名称: "某区" }), { layer: "district-boundary" });
      expect(third.status.report!.rejections.map((r) => r.reason)).toEqual(["code: a district boundary needs its district's 6-digit code"]);
    });
  });
});
