import type { Feature, Geometry } from "geojson";
import { ImportFileError, type ParsedFile, type RawFeature } from "./types";

/**
 * A FeatureCollection, a bare array of Features, or one Feature. A `crs` member naming WGS 84 /
 * CRS84 or CGCS2000 geographic is accepted (GDAL and QGIS write one); other CRSs are refused.
 */
export function parseGeoJson(text: string): ParsedFile {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new ImportFileError(`not valid JSON: ${(error as Error).message}`);
  }
  const notes: string[] = [];
  if (doc && typeof doc === "object" && "crs" in doc) notes.push(readCrsMember((doc as { crs: unknown }).crs));
  const list: unknown[] = Array.isArray(doc)
    ? doc
    : (doc as { type?: string })?.type === "FeatureCollection"
      ? ((doc as { features?: unknown[] }).features ?? [])
      : (doc as { type?: string })?.type === "Feature"
        ? [doc]
        : (() => {
            throw new ImportFileError("expected a GeoJSON FeatureCollection, an array of Features or a Feature");
          })();
  const features: RawFeature[] = list.map((item) => {
    const f = item as Partial<Feature>;
    if (!f || f.type !== "Feature") return { geometry: null, properties: {}, error: "not a GeoJSON Feature" };
    return { geometry: (f.geometry ?? null) as Geometry | null, properties: (f.properties ?? {}) as Record<string, unknown> };
  });
  return { format: "geojson", features, notes };
}

/**
 * The old (2008) GeoJSON `crs` member, as GDAL and QGIS still write it. Longitude/latitude on
 * WGS 84 or CGCS2000 (the same to centimetres) is what this importer reads, so those are
 * accepted with a note; anything else is refused with what to do.
 */
function readCrsMember(crs: unknown): string {
  const name = String((crs as { properties?: { name?: unknown } })?.properties?.name ?? "");
  if (/CRS84$|EPSG:{1,2}(4326|4490)$/i.test(name)) return `"crs" ${name}: read as longitude/latitude on WGS 84`;
  throw new ImportFileError(
    `GeoJSON "crs" ${name || JSON.stringify(crs).slice(0, 80)} is not supported: export longitude/latitude on WGS 84 or CGCS2000 (EPSG:4326 or 4490; e.g. ogr2ogr -t_srs EPSG:4326), or send a zipped Shapefile with its .prj`,
  );
}
