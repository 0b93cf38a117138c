import gcoord from "gcoord";
import type { Geometry } from "geojson";

/**
 * Coordinate systems an import may be in. CGCS2000 (EPSG:4490) and WGS 84 differ by centimetres,
 * far below what the data can resolve, so CGCS2000 longitude/latitude is taken as is; GCJ-02
 * (AMap, Tencent, DataV) and BD-09 (Baidu) are the shifted Chinese systems, undone with gcoord.
 */
export const IMPORT_CRS = ["wgs84", "cgcs2000", "gcj02", "bd09"] as const;
export type ImportCrs = (typeof IMPORT_CRS)[number];

export function toWgs84(geometry: Geometry, crs: ImportCrs): Geometry {
  if (crs === "wgs84" || crs === "cgcs2000") return geometry;
  return gcoord.transform(structuredClone(geometry) as never, crs === "gcj02" ? gcoord.GCJ02 : gcoord.BD09, gcoord.WGS84) as unknown as Geometry;
}
