/**
 * A small made-up district in CGCS2000 Gauss–Krüger metres near Wenzhou, for the set-up tests
 * (database and end-to-end): one street of 2 km × 1 km, two communities of 1 km², each cut into
 * 4 × 4 cells of 250 m. Planted: in community 001 cell 006 stops 20 m short of its east edge (a
 * 20 × 250 m gap, 5,000 m²); in community 002 cell 011 reaches 10 m into the cell north of it
 * (a 250 × 10 m overlap, 2,500 m²). Test code only.
 */
import proj4 from "proj4";

/** CGCS2000 / 3-degree Gauss-Kruger CM 120E (EPSG:4549), as surveyors' Shapefiles carry it. */
export const GK_120E = `PROJCS["CGCS2000 / 3-degree Gauss-Kruger CM 120E",GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",120],PARAMETER["scale_factor",1],PARAMETER["false_easting",500000],PARAMETER["false_northing",0],UNIT["metre",1]]`;
export const toLonLat = proj4(GK_120E, "EPSG:4326");

export const X0 = 563_000;
export const Y0 = 3_100_000;
export const box = (x1: number, y1: number, x2: number, y2: number): GeoJSON.Polygon => ({
  type: "Polygon",
  coordinates: [[[x1, y1], [x2, y1], [x2, y2], [x1, y2], [x1, y1]]],
});
export const STREET = "330302099000";
export const community = (n: 1 | 2) => `330302099${String(n).padStart(3, "0")}`;
export const GAP = { code: `${community(1)}006`, x1: X0 + 250 + 230, y1: Y0 + 250, x2: X0 + 500, y2: Y0 + 500, area: 5000 };
export const OVERLAP = { codes: [`${community(2)}011`, `${community(2)}015`], x1: X0 + 1000 + 500, y1: Y0 + 750, x2: X0 + 1000 + 750, y2: Y0 + 760, area: 2500 };

export const streetFeature = { geometry: box(X0, Y0, X0 + 2000, Y0 + 1000), properties: { 街道代码: STREET, 街道名称: "试验街道" } };
export const communityFeatures = [
  { geometry: box(X0, Y0, X0 + 1000, Y0 + 1000), properties: { 社区代码: community(1), 社区名称: "东社区" } },
  { geometry: box(X0 + 1000, Y0, X0 + 2000, Y0 + 1000), properties: { 社区代码: community(2), 社区名称: "西社区" } },
];

export function cells(communityNumber: 1 | 2): { geometry: GeoJSON.Polygon; properties: Record<string, string> }[] {
  const out = [];
  for (let row = 0; row < 4; row++) {
    for (let col = 0; col < 4; col++) {
      const n = row * 4 + col + 1;
      const code = `${community(communityNumber)}${String(n).padStart(3, "0")}`;
      const x1 = X0 + (communityNumber - 1) * 1000 + col * 250;
      const y1 = Y0 + row * 250;
      let [x2, y2] = [x1 + 250, y1 + 250];
      if (code === GAP.code) x2 -= 20;
      if (code === OVERLAP.codes[0]) y2 += 10;
      out.push({ geometry: box(x1, y1, x2, y2), properties: { 网格编码: code } });
    }
  }
  return out;
}

/** Whether a [lon, lat] lies inside a Gauss–Krüger rectangle. */
export function insideRectangle(at: [number, number], r: { x1: number; y1: number; x2: number; y2: number }): boolean {
  const [x, y] = proj4("EPSG:4326", GK_120E).forward(at);
  return x! > r.x1 && x! < r.x2 && y! > r.y1 && y! < r.y2;
}
