import type { Geometry, Position } from "geojson";
import { toWgs84, type ImportCrs } from "./crs";
import type { RawFeature } from "./parse/types";
import { FIELD_ALIASES, IMPORT_TARGETS, type ImportLayer } from "./targets";

/**
 * The checks an import row gets before the database sees it: geometry type and coordinates (a
 * projected file or swapped axes named as such), conversion to WGS 84, the layer's fields found by
 * mapping, name or alias and validated, codes unique within the file. Pure: no database, no I/O.
 * Reasons are stored in English and reworded for the reader (lib/imports/report-in-locale.ts).
 */

export interface CheckedRow {
  row: number;
  verdict: "ok" | "rejected";
  reason: string | null;
  properties: Record<string, unknown>;
  geometry: Geometry | null;
}

export function checkRow(raw: RawFeature, row: number, job: { layer: ImportLayer; crs: ImportCrs; mapping: Record<string, string> }, seenCodes: Map<string, number>): CheckedRow {
  const target = IMPORT_TARGETS[job.layer];
  const reject = (reason: string): CheckedRow => ({ row, verdict: "rejected", reason, properties: raw.properties, geometry: null });
  if (raw.error) return reject(raw.error);
  let geometry = raw.geometry;
  if (!geometry) return reject("no geometry");
  if (geometry.type === "MultiPoint" && geometry.coordinates.length === 1) geometry = { type: "Point", coordinates: geometry.coordinates[0]! };
  const isPoint = geometry.type === "Point";
  const isArea = geometry.type === "Polygon" || geometry.type === "MultiPolygon";
  if (target.geometry === "point" && !isPoint) return reject(`a ${geometry.type} where a Point is needed`);
  if (target.geometry === "area" && !isArea) return reject(`a ${geometry.type} where a Polygon is needed`);
  if (target.geometry === "point-or-area" && !isPoint && !isArea) return reject(`a ${geometry.type} where a Point or Polygon is needed`);
  if (target.geometry === "line" && geometry.type !== "LineString" && geometry.type !== "MultiLineString") return reject(`a ${geometry.type} where a LineString is needed`);
  const first = firstPosition(geometry);
  if (!first || !allFinite(geometry)) return reject("empty or non-numeric coordinates");
  const [x, y] = first as [number, number];
  if (Math.abs(y) > 90 && Math.abs(x) <= 90) return reject(`latitude ${y} is out of range: longitude and latitude look swapped`);
  if (Math.abs(x) > 180 || Math.abs(y) > 90) return reject(`[${x}, ${y}] is not longitude/latitude: is the file projected? (a Shapefile needs its .prj)`);
  geometry = toWgs84(geometry, job.crs);

  const input = mapFields(raw.properties, Object.keys(target.fields.shape), job.mapping, target.aliases);
  const parsed = target.fields.safeParse(input);
  // From here a rejected row keeps its (converted) geometry, so the preview map can show where it is.
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ...reject(`${issue.path.join(".") || "row"}: ${issue.message}`), geometry };
  }
  const properties = target.complete ? target.complete(parsed.data) : parsed.data;
  const problem = target.problem?.(properties);
  if (problem) return { ...reject(`row: ${problem}`), geometry };
  if (target.code) {
    const code = String(properties[target.code.column]);
    const earlier = seenCodes.get(code);
    if (earlier) return { ...reject(`duplicate code ${code} (first at row ${earlier})`), geometry };
    seenCodes.set(code, row);
  }
  return { row, verdict: "ok", reason: target.warning?.(properties) ?? null, properties, geometry };
}

/** Every position is at least two finite numbers (one bad vertex rejects its row, not the file). */
function allFinite(g: Geometry): boolean {
  if (g.type === "GeometryCollection") return g.geometries.every(allFinite);
  const isPosition = (c: unknown[]) => c.length >= 2 && c.every((n) => typeof n === "number" && Number.isFinite(n));
  const walk = (c: unknown): boolean => Array.isArray(c) && c.length > 0 && (Array.isArray(c[0]) ? c.every(walk) : isPosition(c));
  return walk((g as { coordinates?: unknown }).coordinates);
}

function firstPosition(g: Geometry): Position | undefined {
  if (g.type === "GeometryCollection") return g.geometries[0] ? firstPosition(g.geometries[0]) : undefined;
  let c: unknown = g.coordinates;
  while (Array.isArray(c) && Array.isArray(c[0])) c = c[0];
  return Array.isArray(c) ? (c as Position) : undefined;
}

/**
 * The row's values for the target's fields: a fixed value from the mapping ("=330302006000"), the
 * mapped column, the same name (any case), or a known alias (the layer's own first).
 */
export function mapFields(properties: Record<string, unknown>, fields: string[], mapping: Record<string, string>, aliases: Record<string, string[]> = {}): Record<string, unknown> {
  const lower = new Map(Object.entries(properties).map(([k, v]) => [k.toLowerCase(), v]));
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    const mapped = mapping[field];
    if (mapped?.startsWith("=")) {
      out[field] = mapped.slice(1);
      continue;
    }
    const names = [mapped, field, ...(aliases[field] ?? []), ...(FIELD_ALIASES[field] ?? [])].filter(Boolean) as string[];
    for (const n of names) {
      const v = properties[n] ?? lower.get(n.toLowerCase());
      if (v !== undefined && v !== null && v !== "") {
        out[field] = v;
        break;
      }
    }
  }
  return out;
}
