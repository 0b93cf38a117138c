import type { Feature, Geometry } from "geojson";
import { ImportFileError, type ParsedFile, type RawFeature } from "./types";

/** A FeatureCollection, a bare array of Features, or one Feature. A `crs` member is refused (RFC 7946). */
export function parseGeoJson(text: string): ParsedFile {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new ImportFileError(`not valid JSON: ${(error as Error).message}`);
  }
  if (doc && typeof doc === "object" && "crs" in doc) {
    throw new ImportFileError('GeoJSON "crs" members are not supported (RFC 7946): remove it and choose the coordinate system in the import form');
  }
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
  return { format: "geojson", features, notes: [] };
}
