import { sql } from "drizzle-orm";
import { zipSync, strToU8 } from "fflate";
import gcoord from "gcoord";
import iconv from "iconv-lite";
import proj4 from "proj4";
import shpwrite from "@mapbox/shp-write";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorWithRole } from "@/lib/auth/actor";
import { query, queryOne } from "@/lib/db/query";
import { openTestDatabase, withTestDistrict } from "@/lib/db/test-database";
import type { Database, Db } from "@/lib/db/types";
import { commitImport, createImport, getImport, ImportOptions, stageImport } from "./imports";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

const planner = actorWithRole("planner");

/** CGCS2000 / 3-degree Gauss-Kruger CM 120E (EPSG:4549), as surveyors' Shapefiles carry it. */
const CGCS2000_GK_120E = `PROJCS["CGCS2000 / 3-degree Gauss-Kruger CM 120E",GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",120],PARAMETER["scale_factor",1],PARAMETER["false_easting",500000],PARAMETER["false_northing",0],UNIT["metre",1]]`;

const seeded = <T>(fn: (tx: Db) => Promise<T>) => withTestDistrict(database.db, 3, fn);

/** Some true WGS 84 places inside the district: cells' points on surface. */
async function truths(tx: Db, n: number): Promise<[number, number][]> {
  const rows = await query<{ x: number; y: number }>(tx, sql`select ST_X(p) as x, ST_Y(p) as y from (select ST_PointOnSurface(geom) as p from grid_cells order by code limit ${n}) q`);
  return rows.map((r) => [Number(r.x), Number(r.y)]);
}

async function run(tx: Db, fileName: string, bytes: Uint8Array, options: Partial<ImportOptions> & { layer: ImportOptions["layer"] }) {
  const id = await createImport(tx, planner, fileName, ImportOptions.parse(options));
  await stageImport(tx, id, fileName, bytes);
  return { id, status: await getImport(tx, planner, id) };
}

const metres = (a: [number, number], b: [number, number]) => Math.hypot((a[0] - b[0]) * 111_320 * Math.cos((a[1] * Math.PI) / 180), (a[1] - b[1]) * 110_574);

describe("imports", () => {
  it("GeoJSON in GCJ-02 lands within 5 m of its WGS 84 truth; the report counts rejected rows", async () => {
    await seeded(async (tx) => {
      const truth = await truths(tx, 5);
      const features = truth.map(([x, y], i) => ({
        type: "Feature",
        geometry: { type: "Point", coordinates: gcoord.transform([x, y], gcoord.WGS84, gcoord.GCJ02) },
        properties: { category: "complaint", occurred_at: `2026-05-0${i + 1}T10:00:00+08:00`, ref: `T${i}` },
      }));
      features.push({ type: "Feature", geometry: { type: "Point", coordinates: [28.02, 120.66] }, properties: { category: "complaint", occurred_at: "2026-05-01", ref: "swapped" } });
      features.push({ type: "Feature", geometry: { type: "Point", coordinates: [truth[0]![0], truth[0]![1]] }, properties: { category: "bogus", occurred_at: "2026-05-01", ref: "bad" } });
      features.push({ type: "Feature", geometry: { type: "Point", coordinates: [truth[0]![0], "28.0" as unknown as number] }, properties: { category: "complaint", occurred_at: "2026-05-01", ref: "text" } });
      const before = await queryOne<{ n: number }>(tx, sql`select count(*)::int as n from events`);
      const { id, status } = await run(tx, "gcj.geojson", strToU8(JSON.stringify({ type: "FeatureCollection", features })), { layer: "events", crs: "gcj02" });
      expect(status.status).toBe("ready");
      expect(status.report).toMatchObject({ rows: 8, ok: 5, rejected: 3 });
      expect(status.report!.rejections.map((r) => r.reason).join(" | ")).toMatch(/swapped.*\| category.*\| empty or non-numeric/);
      expect((await queryOne<{ n: number }>(tx, sql`select count(*)::int as n from events`))!.n).toBe(before!.n); // nothing before commit
      await commitImport(tx, planner, id);
      const landed = await query<{ x: number; y: number; t: string }>(tx, sql`select ST_X(geom) as x, ST_Y(geom) as y, occurred_at::text as t from events where source = 'import' order by occurred_at`);
      expect(landed).toHaveLength(5);
      landed.forEach((p, i) => expect(metres([Number(p.x), Number(p.y)], truth[i]!)).toBeLessThan(5));
      const audit = await queryOne<{ after: { inserted: number } }>(tx, sql`select after from audit_log where action = 'import' and entity_id = ${id}`);
      expect(audit!.after.inserted).toBe(5);
    });
  });

  it("a GBK CSV with Chinese column names, updating existing buildings by code", async () => {
    await seeded(async (tx) => {
      const [a, b] = await truths(tx, 2);
      const existing = await queryOne<{ code: string }>(tx, sql`select code from rental_buildings order by id limit 1`);
      const csv = ["编码,地址,套数,经度,纬度", `${existing!.code},鹿城区五马街99号,8,${a![0]},${a![1]}`, `NEW-0001,鹿城区新路1号,3,${b![0]},${b![1]}`, `NEW-0001,重复,3,${b![0]},${b![1]}`].join("\r\n");
      const { id, status } = await run(tx, "楼.csv", new Uint8Array(iconv.encode(csv, "gbk")), { layer: "rental-buildings" });
      expect(status.report).toMatchObject({ rows: 3, ok: 1, update: 1, rejected: 1 });
      expect(status.report!.rejections[0]!.reason).toMatch(/duplicate code NEW-0001/);
      await commitImport(tx, planner, id);
      const rows = await query<{ code: string; address: string; units: number }>(tx, sql`select code, address, units from rental_buildings where code in (${existing!.code}, 'NEW-0001') order by code`);
      expect(rows.find((r) => r.code === existing!.code)).toMatchObject({ address: "鹿城区五马街99号", units: 8 });
      expect(rows.find((r) => r.code === "NEW-0001")).toMatchObject({ address: "鹿城区新路1号", units: 3 });
    });
  });

  it("a zipped Shapefile in CGCS2000 Gauss-Kruger (.prj) is reprojected to within a metre", async () => {
    await seeded(async (tx) => {
      const truth = await truths(tx, 3);
      const toGk = proj4("EPSG:4326", CGCS2000_GK_120E);
      const gk = { type: "FeatureCollection", features: truth.map(([x, y], i) => ({ type: "Feature", geometry: { type: "Point", coordinates: toGk.forward([x, y]) }, properties: { name: `School ${i}`, category: "school" } })) };
      const zipped = (await shpwrite.zip(gk as never, { outputType: "uint8array", prj: CGCS2000_GK_120E } as never)) as unknown as Uint8Array;
      const { id, status } = await run(tx, "schools.zip", zipped, { layer: "pois" });
      expect(status.report, JSON.stringify(status.report)).toMatchObject({ ok: 3, rejected: 0 });
      expect(status.report!.notes.join(" ")).toMatch(/reprojected/);
      await commitImport(tx, planner, id);
      const rows = await query<{ name: string; x: number; y: number }>(tx, sql`select name, ST_X(geom) as x, ST_Y(geom) as y from pois where name like 'School %' order by name`);
      expect(rows.map((r) => r.name)).toEqual(["School 0", "School 1", "School 2"]);
      rows.forEach((r, i) => expect(metres([Number(r.x), Number(r.y)], truth[i]!)).toBeLessThan(1));
    });
  });

  it("files as GDAL and real registers write them: a crs member for CGCS2000, categories of their own", async () => {
    await seeded(async (tx) => {
      const [a, b] = await truths(tx, 2);
      const doc = (crs: string) => ({
        type: "FeatureCollection",
        crs: { type: "name", properties: { name: crs } },
        features: [
          { type: "Feature", geometry: { type: "Point", coordinates: a }, properties: { 名称: "江心屿公园", 类别: "公园" } },
          { type: "Feature", geometry: { type: "Point", coordinates: b }, properties: { 名称: "广场路小学", 类别: "学校" } },
        ],
      });
      const { id, status } = await run(tx, "poi.geojson", strToU8(JSON.stringify(doc("urn:ogc:def:crs:EPSG::4490"))), { layer: "pois" });
      expect(status.report, JSON.stringify(status.report)).toMatchObject({ ok: 2, rejected: 0, warning_count: 1 });
      expect(status.report!.notes.join(" ")).toMatch(/EPSG::4490: read as longitude\/latitude/);
      expect(status.report!.warnings![0]).toMatchObject({ row: 1 });
      expect(status.report!.warnings![0]!.reason).toMatch(/"公园" is not one of .*imported as other/);
      await commitImport(tx, planner, id);
      const rows = await query<{ name: string; category: string; source_category: string | null }>(
        tx,
        sql`select name, category::text, source_category from pois where name in ('江心屿公园', '广场路小学') order by name desc`,
      );
      expect(rows).toEqual([
        { name: "江心屿公园", category: "other", source_category: "公园" },
        { name: "广场路小学", category: "school", source_category: null },
      ]);
      const mercator = await run(tx, "poi.geojson", strToU8(JSON.stringify(doc("EPSG:3857"))), { layer: "pois" });
      expect(mercator.status.status).toBe("failed");
      expect(mercator.status.report!.error).toMatch(/"crs" EPSG:3857 is not supported: export longitude\/latitude/);
    });
  });

  it("KML placemarks become guidance-point drafts with a version history", async () => {
    await seeded(async (tx) => {
      const [x, y] = (await truths(tx, 1))[0]!;
      const kml = `<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document>
        <Placemark><name>夜市疏导点</name><ExtendedData><Data name="capacity"><value>24</value></Data></ExtendedData><Point><coordinates>${x},${y}</coordinates></Point></Placemark>
      </Document></kml>`;
      const { id, status } = await run(tx, "points.kml", strToU8(kml), { layer: "guidance-points" });
      expect(status.report).toMatchObject({ ok: 1 });
      await commitImport(tx, planner, id);
      const point = await queryOne<{ id: number; capacity: number; status: string }>(tx, sql`select id, capacity, status::text from guidance_points where name = '夜市疏导点'`);
      expect(point).toMatchObject({ capacity: 24, status: "draft" });
      const v = await queryOne<{ note: string }>(tx, sql`select note from plan_versions where kind = 'guidance_point' and feature_id = ${point!.id}`);
      expect(v!.note).toBe("points.kml");
    });
  });

  it("a failure half-way through the commit writes nothing", async () => {
    await seeded(async (tx) => {
      const [a, b] = await truths(tx, 2);
      const csv = `code,address,units,lon,lat\nHALF-1,一号,2,${a![0]},${a![1]}\nHALF-2,二号,2,${b![0]},${b![1]}\n`;
      const { id } = await run(tx, "half.csv", strToU8(csv), { layer: "rental-buildings" });
      // Corrupt the second staged row so the database refuses it in the middle of the insert.
      await tx.execute(sql`update import_rows set properties = jsonb_set(properties, '{rented_units}', '9') where import_id = ${id}::uuid and row_number = 2`);
      await expect(commitImport(tx, planner, id)).rejects.toMatchObject({ status: 422 });
      expect((await queryOne<{ n: number }>(tx, sql`select count(*)::int as n from rental_buildings where code like 'HALF-%'`))!.n).toBe(0);
      expect((await getImport(tx, planner, id)).status).toBe("ready");
    });
  });

  it("refuses bad files with a reason and keeps nothing of them", async () => {
    await seeded(async (tx) => {
      const cases: [string, Uint8Array, RegExp][] = [
        ["crs.geojson", strToU8(JSON.stringify({ type: "FeatureCollection", crs: { type: "name" }, features: [] })), /crs/],
        ["broken.csv", strToU8('lon,lat,name\n120.6,28.0,"unclosed\n'), /cannot be read/],
        ["evil.zip", zipSync({ "../evil.shp": strToU8("x") }), /outside the archive/],
        ["nested.zip", zipSync({ "inner.zip": zipSync({ "a.txt": strToU8("a") }) }), /nested/],
        ["noshx.zip", zipSync({ "a.shp": new Uint8Array(100), "a.dbf": new Uint8Array(32) }), /\.shx is missing/],
        ["bomb.zip", zipSync({ "a.shp": new Uint8Array(50 * 1024 * 1024) }, { level: 9 }), /zip bomb/],
      ];
      for (const [name, bytes, reason] of cases) {
        const { id, status } = await run(tx, name, bytes, { layer: "pois" });
        expect(status.status, name).toBe("failed");
        expect(status.report!.error, name).toMatch(reason);
        expect((await queryOne<{ n: number }>(tx, sql`select count(*)::int as n from import_rows where import_id = ${id}::uuid`))!.n).toBe(0);
      }
      await expect(createImport(tx, actorWithRole("commander"), "x.csv", ImportOptions.parse({ layer: "pois" }))).rejects.toMatchObject({ status: 403 });
    });
  });
});
