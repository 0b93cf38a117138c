import { customType } from "drizzle-orm/pg-core";

/**
 * PostGIS geometry column with an explicit type and SRID.
 *
 * Drizzle's built-in `geometry()` only understands points (it ignores `type`/`srid`
 * for polygons), so every geometry column in Grid Atlas uses this custom type.
 * Values travel as the database's own representation (hex EWKB); queries that need
 * coordinates select `ST_AsGeoJSON(geom)` explicitly, and writes go through
 * `ST_GeomFromGeoJSON` in the verbs, so no WKB parsing happens in Node.
 */
export type GeometryKind = "Geometry" | "Point" | "MultiPoint" | "LineString" | "MultiLineString" | "Polygon" | "MultiPolygon";

export const geometry = (name: string, kind: GeometryKind) =>
  customType<{ data: string; driverData: string }>({
    dataType: () => `geometry(${kind},4326)`,
  })(name);
