import { describe, expect, it } from "vitest";
import type { Geometry } from "geojson";
import { checkRow, mapFields } from "./check-row";
import type { ImportCrs } from "./crs";
import type { ImportLayer } from "./targets";

const point = (x: number, y: number): Geometry => ({ type: "Point", coordinates: [x, y] });
const check = (layer: ImportLayer, rows: { geometry: Geometry | null; properties: Record<string, unknown> }[], crs: ImportCrs = "wgs84", mapping: Record<string, string> = {}) => {
  const seen = new Map<string, number>();
  return rows.map((raw, i) => checkRow(raw, i + 1, { layer, crs, mapping }, seen));
};

describe("an import row before the database", () => {
  it("takes a POI with Chinese column names and a category as registers write it", () => {
    const [row] = check("pois", [{ geometry: point(120.6652, 28.0205), properties: { 名称: "五马菜场", 类别: "农贸市场" } }]);
    expect(row).toMatchObject({ verdict: "ok", reason: null, properties: { name: "五马菜场", category: "market" }, geometry: point(120.6652, 28.0205) });
  });

  it("keeps an unknown category as other, with a warning naming it", () => {
    const [row] = check("pois", [{ geometry: point(120.66, 28.02), properties: { name: "x", category: "公园" } }]);
    expect(row).toMatchObject({ verdict: "ok", properties: { category: "other", source_category: "公园" } });
    expect(row!.reason).toMatch(/"公园" is not one of/);
  });

  it("names what is wrong with the geometry", () => {
    const rows = check("pois", [
      { geometry: point(28.02, 120.66), properties: { name: "a", category: "school" } },
      { geometry: point(500_000, 3_100_000), properties: { name: "b", category: "school" } },
      { geometry: { type: "LineString", coordinates: [[120.66, 28.02], [120.67, 28.03]] }, properties: { name: "c", category: "school" } },
      { geometry: null, properties: { name: "d", category: "school" } },
      { geometry: { type: "Point", coordinates: [120.66, Number.NaN] }, properties: { name: "e", category: "school" } },
    ]);
    expect(rows.map((r) => r.reason)).toEqual([
      "latitude 120.66 is out of range: longitude and latitude look swapped",
      "[500000, 3100000] is not longitude/latitude: is the file projected? (a Shapefile needs its .prj)",
      "a LineString where a Point is needed",
      "no geometry",
      "empty or non-numeric coordinates",
    ]);
    expect(rows.every((r) => r.verdict === "rejected")).toBe(true);
  });

  it("reads a one-point MultiPoint as a Point, and moves GCJ-02 positions to WGS 84", () => {
    const [multi] = check("pois", [{ geometry: { type: "MultiPoint", coordinates: [[120.66, 28.02]] }, properties: { name: "a", category: "school" } }]);
    expect(multi!.geometry).toEqual(point(120.66, 28.02));
    const [shifted] = check("pois", [{ geometry: point(120.6652, 28.0205), properties: { name: "a", category: "school" } }], "gcj02");
    const [x, y] = (shifted!.geometry as { coordinates: number[] }).coordinates as [number, number];
    // In Wenzhou the GCJ-02 offset is a few hundred metres, westward and southward to undo.
    const metres = Math.hypot((x - 120.6652) * 98_300, (y - 28.0205) * 110_900);
    expect(metres).toBeGreaterThan(300);
    expect(metres).toBeLessThan(800);
    expect(x).toBeLessThan(120.6652);
  });

  it("refuses a second row with the same code, a bad field and a rule of the layer", () => {
    const rows = check("rental-buildings", [
      { geometry: point(120.66, 28.02), properties: { code: "B-1", address: "五马街 1 号", units: 4, rented_units: 2 } },
      { geometry: point(120.66, 28.02), properties: { 编码: "B-1", 地址: "五马街 2 号", units: 3 } },
      { geometry: point(120.66, 28.02), properties: { code: "B-2", address: "五马街 3 号", units: "many" } },
      { geometry: point(120.66, 28.02), properties: { code: "B-3", address: "五马街 4 号", units: 2, rented_units: 3 } },
    ]);
    expect(rows.map((r) => [r.verdict, r.reason])).toEqual([
      ["ok", null],
      ["rejected", "duplicate code B-1 (first at row 1)"],
      ["rejected", expect.stringMatching(/^units: /)],
      ["rejected", "row: rented_units is more than units"],
    ]);
    expect(rows[0]!.properties).toMatchObject({ code: "B-1", units: 4, rented_units: 2, registration_status: "unregistered", responsibility_letter_signed: false });
    expect(rows[3]!.geometry).toEqual(point(120.66, 28.02)); // a rejected row keeps its place for the preview map
  });
});

describe("finding a field in a row", () => {
  it("takes a fixed value, the mapped column, the name in any case, then an alias", () => {
    const row = { Street: "x", ADDRESS: "五马街 1 号", 套数: "6", 编号: "B-9" };
    expect(mapFields(row, ["street_code", "address", "units", "code", "name"], { street_code: "=330302006000" })).toEqual({
      street_code: "330302006000",
      address: "五马街 1 号",
      units: "6",
      code: "B-9",
    });
    expect(mapFields({ 门牌: "五马街 2 号", address: "" }, ["address"], { address: "门牌" })).toEqual({ address: "五马街 2 号" });
  });
});
