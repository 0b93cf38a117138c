import type { Actor } from "@/lib/auth/actor";
import { layerScope } from "@/lib/auth/layer-access";
import { sql, type SQL } from "drizzle-orm";
import type { Feature, Geometry } from "geojson";
import { z } from "zod";
import { jsonColumn, query, queryOne } from "@/lib/db/query";
import type { Db } from "@/lib/db/types";
import { BadRequestError, NotFoundError } from "@/lib/http/errors";
import type { OgcCollection } from "./collections";

export const MAX_LIMIT = 10_000;

const bbox = z
  .string()
  .transform((s) => s.split(",").map(Number))
  .refine((b) => (b.length === 4 || b.length === 6) && b.every(Number.isFinite), "bbox is minLon,minLat,maxLon,maxLat")
  .transform((b) => (b.length === 6 ? [b[0]!, b[1]!, b[3]!, b[4]!] : b) as [number, number, number, number])
  .refine((b) => b[0] <= b[2] && b[1] <= b[3], "bbox must have min ≤ max");

/** datetime: an instant or an interval `a/b`, either end open as `..`. */
const datetime = z.string().transform((s, ctx) => {
  const [a, b] = s.includes("/") ? s.split("/") : [s, s];
  const parse = (v: string | undefined) => (v === undefined || v === ".." || v === "" ? null : new Date(v));
  const from = parse(a);
  const to = parse(b);
  if ((from && Number.isNaN(from.getTime())) || (to && Number.isNaN(to.getTime()))) {
    ctx.addIssue({ code: "custom", message: "datetime is an RFC 3339 instant or interval (a/b, ../b, a/..)" });
    return z.NEVER;
  }
  return { from, to, instant: !s.includes("/") };
});

export const ItemsParams = z.object({
  bbox: bbox.optional(),
  // Above the maximum the server serves the maximum (OGC API – Features permits it; clients such
  // as GDAL ask for big pages and follow `next` links).
  limit: z.coerce.number().int().min(1, "limit must be a positive integer").default(100).transform((n) => Math.min(n, MAX_LIMIT)),
  offset: z.coerce.number().int().min(0).default(0),
  datetime: datetime.optional(),
  f: z.enum(["json", "html"]).optional(),
});
export type ItemsParams = z.output<typeof ItemsParams>;

/** Split URL parameters into the standard ones and property filters (equality on allowlisted names). */
export function parseItemsQuery(collection: OgcCollection, params: Record<string, string>): { base: ItemsParams; filters: [SQL, string][] } {
  const standard = new Set(["bbox", "limit", "offset", "datetime", "f"]);
  const filters: [SQL, string][] = [];
  for (const [key, value] of Object.entries(params)) {
    if (standard.has(key)) continue;
    const column = collection.filterable[key];
    if (!column) throw new BadRequestError(`unknown parameter "${key}"; filterable properties: ${Object.keys(collection.filterable).join(", ") || "none"}`);
    filters.push([column, value]);
  }
  return { base: ItemsParams.parse(Object.fromEntries(Object.entries(params).filter(([k]) => standard.has(k)))), filters };
}

function conditions(collection: OgcCollection, base: ItemsParams, filters: [SQL, string][]): SQL {
  const parts: SQL[] = [sql`true`];
  if (base.bbox) {
    const [w, s, e, n] = base.bbox;
    parts.push(sql`t.geom && ST_MakeEnvelope(${w}::float8, ${s}::float8, ${e}::float8, ${n}::float8, 4326)`);
  }
  if (base.datetime) {
    if (!collection.time) throw new BadRequestError(`collection "${collection.id}" has no time; datetime does not apply`);
    const { from, to, instant } = base.datetime;
    if (instant && from) parts.push(sql`${collection.time} = ${from.toISOString()}::timestamptz`);
    else {
      if (from) parts.push(sql`${collection.time} >= ${from.toISOString()}::timestamptz`);
      if (to) parts.push(sql`${collection.time} <= ${to.toISOString()}::timestamptz`);
    }
  }
  for (const [column, value] of filters) parts.push(sql`${column} = ${value}`);
  return sql.join(parts, sql` and `);
}

export interface ItemsPage {
  features: Feature[];
  numberMatched: number;
}

export async function getItems(db: Db, actor: Actor, collection: OgcCollection, base: ItemsParams, filters: [SQL, string][]): Promise<ItemsPage> {
  const { condition } = layerScope(actor, collection.id);
  const where = sql`${conditions(collection, base, filters)} and ${condition}`;
  const [rows, total] = await Promise.all([
    query<{ fid: number; geometry: Geometry | string } & Record<string, unknown>>(
      db,
      sql`select t.id as fid, ${collection.properties}, ST_AsGeoJSON(t.geom, 7)::json as geometry
          from ${collection.table} where ${where} order by t.id limit ${base.limit} offset ${base.offset}`,
    ),
    queryOne<{ n: number }>(db, sql`select count(*)::int as n from ${collection.table} where ${where}`),
  ]);
  return { features: rows.map(toFeature), numberMatched: Number(total?.n ?? 0) };
}

/** One feature; outside the reader's street scope it does not exist (404). */
export async function getItem(db: Db, actor: Actor, collection: OgcCollection, fid: string): Promise<Feature> {
  const { condition } = layerScope(actor, collection.id);
  if (!/^\d{1,15}$/.test(fid)) throw new NotFoundError(`no feature "${fid}" in ${collection.id}`);
  const row = await queryOne<{ fid: number; geometry: Geometry | string } & Record<string, unknown>>(
    db,
    sql`select t.id as fid, ${collection.properties}, ST_AsGeoJSON(t.geom, 7)::json as geometry from ${collection.table} where t.id = ${Number(fid)} and ${condition}`,
  );
  if (!row) throw new NotFoundError(`no feature "${fid}" in ${collection.id}`);
  return toFeature(row);
}

function toFeature({ fid, geometry, ...properties }: { fid: number; geometry: Geometry | string } & Record<string, unknown>): Feature {
  return { type: "Feature", id: Number(fid), geometry: jsonColumn(geometry as Geometry | string), properties };
}

/** Spatial (and for events, temporal) extent of a collection. */
export async function getExtent(db: Db, actor: Actor, collection: OgcCollection): Promise<{ bbox: number[] | null; interval: [string | null, string | null] | null }> {
  const { condition } = layerScope(actor, collection.id);
  const row = await queryOne<{ w: number | null; s: number; e: number; n: number; t0: string | null; t1: string | null }>(
    db,
    sql`select ST_XMin(x) as w, ST_YMin(x) as s, ST_XMax(x) as e, ST_YMax(x) as n, t0, t1 from (
          select ST_Extent(t.geom)::geometry as x,
                 ${collection.time ? sql`min(${collection.time})::text` : sql`null::text`} as t0,
                 ${collection.time ? sql`max(${collection.time})::text` : sql`null::text`} as t1
          from ${collection.table} where ${condition}) q`,
  );
  return {
    bbox: row && row.w !== null ? [row.w, row.s, row.e, row.n].map(Number) : null,
    interval: collection.time ? [row?.t0 ? new Date(row.t0).toISOString() : null, row?.t1 ? new Date(row.t1).toISOString() : null] : null,
  };
}
