import type { Feature } from "geojson";
import wellknown from "wellknown";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { toCsv } from "@/lib/csv/to-csv";
import type { Db } from "@/lib/db/types";
import { NotFoundError, HttpError } from "@/lib/http/errors";
import { findCollection, OGC_COLLECTIONS } from "@/lib/ogc/collections";
import { getItems, parseItemsQuery } from "@/lib/ogc/items";
import { featuresToShapefileZip } from "./shapefile";

export const EXPORT_FORMATS = ["geojson", "csv", "shapefile"] as const;
export const MAX_EXPORT_FEATURES = 200_000;

export interface ExportFile {
  body: string | Uint8Array;
  contentType: string;
  fileName: string;
}

/**
 * A whole layer, or the part in a bbox / matching property filters (the OGC items parameters), as
 * GeoJSON, zipped Shapefile (UTF-8 attributes) or CSV (points as lon/lat columns, other shapes as WKT; cells starting with = + - @ are
 * neutralised). Read with the caller's role and street scope, like every read.
 */
export async function exportLayer(db: Db, actor: Actor, layer: string, params: Record<string, string>): Promise<ExportFile> {
  const collection = findCollection(layer);
  if (!collection) throw new NotFoundError(`no layer "${layer}"; layers: ${OGC_COLLECTIONS.map((c) => c.id).join(", ")}`);
  const { format = "geojson", ...rest } = params;
  const parsedFormat = z.enum(EXPORT_FORMATS, { error: `format is one of ${EXPORT_FORMATS.join(", ")}` }).parse(format);
  const { base, filters } = parseItemsQuery(collection, { ...rest, limit: "10000" });
  const features: Feature[] = [];
  for (let offset = 0; ; offset += base.limit) {
    const page = await getItems(db, actor, collection, { ...base, offset }, filters);
    features.push(...page.features);
    if (features.length > MAX_EXPORT_FEATURES) throw new HttpError(413, `more than ${MAX_EXPORT_FEATURES.toLocaleString("en")} features: narrow the export with bbox or filters`);
    if (page.features.length < base.limit) break;
  }
  const stamp = new Date().toISOString().slice(0, 10);
  if (parsedFormat === "geojson") {
    return { body: JSON.stringify({ type: "FeatureCollection", features }), contentType: "application/geo+json", fileName: `${layer}-${stamp}.geojson` };
  }
  if (parsedFormat === "shapefile") {
    return { body: featuresToShapefileZip(layer, features), contentType: "application/zip", fileName: `${layer}-${stamp}.zip` };
  }
  const keys = [...new Set(features.flatMap((f) => Object.keys(f.properties ?? {})))];
  const points = features.every((f) => f.geometry?.type === "Point");
  const header = ["id", ...keys, ...(points ? ["lon", "lat"] : ["wkt"])];
  const rows = features.map((f) => {
    const values = keys.map((k) => {
      const v = f.properties?.[k];
      return v === null || v === undefined ? null : typeof v === "object" ? JSON.stringify(v) : (v as string | number | boolean);
    });
    const geometry = f.geometry?.type === "Point" ? [f.geometry.coordinates[0]!, f.geometry.coordinates[1]!] : [f.geometry ? wellknown.stringify(f.geometry as never) : null];
    return [f.id as number, ...values, ...geometry];
  });
  return { body: toCsv(header, rows), contentType: "text/csv; charset=utf-8", fileName: `${layer}-${stamp}.csv` };
}
