import { sql, type SQL } from "drizzle-orm";
import type { Geometry } from "geojson";
import { jsonColumn, query } from "@/lib/db/query";
import type { Database } from "@/lib/db/types";
import { encodeTile, EXTENT } from "./encode-tile";
import { TILE_LAYERS, type TileLayer, type TileLayerId } from "./layers";
import { codeInStreetSql } from "@/lib/auth/in-street";
import { LAYER_ACCESS } from "@/lib/auth/layer-access";
import type { TileCoordinates, TileQuery as TileFilter } from "./tile-params";
import { wholeWeekBounds } from "@/lib/time/china-steps";
import { chinaMidnight } from "@/lib/time/china-date";

/**
 * What the bytes of a tile depend on besides the layers' SQL (layers.ts) and the data: change it
 * whenever a change here changes them, so tiles kept by the previous code are not served.
 */
export const TILE_FORMAT = "2026-11-30";
const BUFFER = 64; // pixels of context around the tile, so lines and labels continue across edges
const AGGREGATE_BIN = 16; // pixels per aggregation bin at low zoom

export interface Tile {
  bytes: Uint8Array;
  features: number;
  capped: boolean;
}

/**
 * One vector tile of a layer. The same candidate rows feed two encoders: ST_AsMVT on PostgreSQL,
 * and on PGlite (whose PostGIS lacks protobuf) clipping, snapping and orientation in SQL with the
 * encoding in Node. Both give the same features and properties (tested).
 */
export async function getTile(database: Database, layerId: TileLayerId, at: TileCoordinates, filter: TileFilter): Promise<Tile> {
  const layer = TILE_LAYERS[layerId];
  if (at.z < layer.minzoom) return { bytes: new Uint8Array(0), features: 0, capped: false };
  const candidates = candidateRows(layer, at, filter);
  return database.kind === "postgres" ? viaAsMvt(database, layer, at, candidates) : viaNode(database, layer, at, candidates);
}

/** Both encoders, for the test that compares them on the same database. */
export const encoders = {
  asMvt: (database: Database, layerId: TileLayerId, at: TileCoordinates, filter: TileFilter) =>
    viaAsMvt(database, TILE_LAYERS[layerId], at, candidateRows(TILE_LAYERS[layerId], at, filter)),
  node: (database: Database, layerId: TileLayerId, at: TileCoordinates, filter: TileFilter) =>
    viaNode(database, TILE_LAYERS[layerId], at, candidateRows(TILE_LAYERS[layerId], at, filter)),
};

/** Rows in the buffered tile, in EPSG:3857, simplified to the pixel, capped; or a count grid at low zoom. */
function candidateRows(layer: TileLayer, at: TileCoordinates, filter: TileFilter): SQL {
  const envelope = sql`ST_Transform(ST_TileEnvelope(${at.z}::int, ${at.x}::int, ${at.y}::int, margin => ${BUFFER / EXTENT}::float8), 4326)`;
  const conditions: SQL[] = [sql`t.geom && ${envelope}`];
  if (layer.timeFiltered) {
    if (filter.from) conditions.push(sql`t.occurred_at >= ${filter.from}::timestamptz`);
    if (filter.to) conditions.push(sql`t.occurred_at < ${filter.to}::timestamptz`);
    if (filter.categories?.length) conditions.push(sql`t.category::text = any(string_to_array(${filter.categories.join(",")}, ','))`);
  }
  const scope = LAYER_ACCESS[layer.id].inArea;
  if (filter.street && scope) conditions.push(scope(filter.street));
  const where = sql.join(conditions, sql` and `);
  if (layer.perCellBelow !== undefined && at.z < layer.perCellBelow) return perCellCounts(layer, envelope, filter);
  // Metres per pixel at this zoom (Web Mercator, 4096-unit tiles).
  const pixel = (2 * Math.PI * 6378137) / 2 ** at.z / EXTENT;
  if (layer.aggregateBelow !== undefined && at.z < layer.aggregateBelow) {
    // Bin in degrees (no per-point reprojection: that dominated the cost), sized to ~16 pixels
    // at the tile's latitude; only the bin centroids are transformed.
    const bin = pixel * AGGREGATE_BIN;
    const n = Math.PI - (2 * Math.PI * (at.y + 0.5)) / 2 ** at.z;
    const latitude = (180 / Math.PI) * Math.atan(Math.sinh(n));
    const mercatorScale = Math.cos((latitude * Math.PI) / 180); // ground metres per Mercator metre
    const binLat = (bin * mercatorScale) / 110_574;
    const binLon = (bin * mercatorScale) / (111_320 * Math.cos((latitude * Math.PI) / 180));
    return sql`select count(*)::int as count, ST_Transform(ST_Centroid(ST_Collect(t.geom)), 3857) as geom
               from ${layer.from} where ${where}
               group by ST_SnapToGrid(t.geom, 0, 0, ${binLon}::float8, ${binLat}::float8)
               order by 1 desc limit ${layer.maxFeatures + 1}`;
  }
  const geometry =
    layer.geometry === "point" ? sql`ST_Transform(${layer.point ?? sql`t.geom`}, 3857)` : sql`ST_Simplify(ST_Transform(t.geom, 3857), ${pixel / 2}::float8, true)`;
  return sql`select ${layer.properties}, ${geometry} as geom from ${layer.from} where ${where}
             order by ${layer.orderBy ?? sql`t.id`}, t.id limit ${layer.maxFeatures + 1}`;
}

/**
 * Low-zoom event tiles: one point per grid cell (its point on surface) with the number of events,
 * read from the weekly per-cell counts (migration 0004) for the whole weeks of the window and
 * from events only for the partial weeks at its ends — instead of binning millions of points.
 */
function perCellCounts(layer: TileLayer, envelope: SQL, filter: TileFilter): SQL {
  const categories = (column: SQL) =>
    filter.categories?.length ? sql`and ${column}::text = any(string_to_array(${filter.categories.join(",")}, ','))` : sql``;
  const from = filter.from ? new Date(filter.from) : null;
  const to = filter.to ? new Date(filter.to) : null;
  const { first, end } = wholeWeekBounds(from, to);
  const parts: SQL[] = [];
  if (first === undefined) {
    // No whole week inside the window: count the events themselves.
    parts.push(sql`select e.grid_cell_id, 1 as n from events e where e.geom && ${envelope}
                   and e.occurred_at >= ${from!.toISOString()}::timestamptz and e.occurred_at < ${to!.toISOString()}::timestamptz
                   ${categories(sql`e.category`)}`);
  } else {
    parts.push(sql`select w.grid_cell_id, w.n from event_cell_weeks w
                   where true ${first ? sql`and w.week >= ${first}::date` : sql``} ${end ? sql`and w.week < ${end}::date` : sql``}
                   ${categories(sql`w.category`)}`);
    if (from && first) {
      parts.push(sql`select e.grid_cell_id, 1 from events e where e.geom && ${envelope}
                     and e.occurred_at >= ${from.toISOString()}::timestamptz and e.occurred_at < ${chinaMidnight(first).toISOString()}::timestamptz
                     ${categories(sql`e.category`)}`);
    }
    if (to && end) {
      parts.push(sql`select e.grid_cell_id, 1 from events e where e.geom && ${envelope}
                     and e.occurred_at >= ${chinaMidnight(end).toISOString()}::timestamptz and e.occurred_at < ${to.toISOString()}::timestamptz
                     ${categories(sql`e.category`)}`);
    }
  }
  return sql`with counts as (select grid_cell_id, sum(n)::int as n from (${sql.join(parts, sql` union all `)}) x group by 1)
             select c.n as count, ST_Transform(ST_PointOnSurface(g.geom), 3857) as geom
             from grid_cells g join counts c on c.grid_cell_id = g.id
             where g.geom && ${envelope} and c.n > 0 ${filter.street ? sql`and ${codeInStreetSql(sql`g.community_code`, filter.street)}` : sql``}
             order by 1 desc, g.id limit ${layer.maxFeatures + 1}`;
}


/** Property columns a tile carries: `count` for aggregated tiles, else the layer's own fields. */
function propertyNames(layer: TileLayer, at: TileCoordinates): string[] {
  const aggregated = (layer.aggregateBelow !== undefined && at.z < layer.aggregateBelow) || (layer.perCellBelow !== undefined && at.z < layer.perCellBelow);
  return aggregated ? ["count"] : Object.keys(layer.fields).filter((f) => f !== "count");
}

async function viaAsMvt(database: Database, layer: TileLayer, at: TileCoordinates, candidates: SQL): Promise<Tile> {
  const columns = sql.join(propertyNames(layer, at).map((n) => sql.identifier(n)), sql`, `);
  const [row] = await query<{ tile: Uint8Array | null; n: number }>(
    database.db,
    sql`with c as (${candidates}),
        mvt as (
          select ${columns}, ST_AsMVTGeom(geom, ST_TileEnvelope(${at.z}::int, ${at.x}::int, ${at.y}::int), ${EXTENT}, ${BUFFER}, true) as geom
          from (select * from c limit ${layer.maxFeatures}) l)
        select (select ST_AsMVT(mvt, ${layer.id}, ${EXTENT}, 'geom') from mvt where geom is not null) as tile,
               (select count(*) from c)::int as n`,
  );
  const bytes = row?.tile ? new Uint8Array(row.tile) : new Uint8Array(0);
  const n = Number(row?.n ?? 0);
  return { bytes, features: Math.min(n, layer.maxFeatures), capped: n > layer.maxFeatures };
}

/**
 * PGlite: clip to the buffered tile, move to tile coordinates (y down), snap to the integer
 * grid, repair, and orient rings clockwise — what ST_AsMVTGeom does — then encode in Node.
 */
async function viaNode(database: Database, layer: TileLayer, at: TileCoordinates, candidates: SQL): Promise<Tile> {
  const names = propertyNames(layer, at);
  const columns = sql.join(names.map((n) => sql.identifier(n)), sql`, `);
  const envelope = sql`ST_TileEnvelope(${at.z}::int, ${at.x}::int, ${at.y}::int)`;
  const buffered = sql`ST_TileEnvelope(${at.z}::int, ${at.x}::int, ${at.y}::int, margin => ${BUFFER / EXTENT}::float8)`;
  const toTile = (g: SQL) =>
    sql`ST_Affine(${g}, ${EXTENT}::float8 / (ST_XMax(e.env) - ST_XMin(e.env)), 0, 0, -${EXTENT}::float8 / (ST_YMax(e.env) - ST_YMin(e.env)),
                  -ST_XMin(e.env) * ${EXTENT}::float8 / (ST_XMax(e.env) - ST_XMin(e.env)),
                  ST_YMax(e.env) * ${EXTENT}::float8 / (ST_YMax(e.env) - ST_YMin(e.env)))`;
  const shaped =
    layer.geometry === "point" || names[0] === "count"
      ? sql`case when ST_Intersects(l.geom, e.buffered) then ST_SnapToGrid(${toTile(sql`l.geom`)}, 1) end`
      : layer.geometry === "line"
        ? sql`ST_CollectionExtract(ST_MakeValid(ST_SnapToGrid(${toTile(sql`ST_ClipByBox2D(l.geom, e.buffered)`)}, 1)), 2)`
        : sql`ST_ForcePolygonCW(ST_CollectionExtract(ST_MakeValid(ST_SnapToGrid(${toTile(sql`ST_ClipByBox2D(l.geom, e.buffered)`)}, 1)), 3))`;
  const rows = await query<Record<string, string | number | boolean | null> & { tile_geom: Geometry | string | null; n: number }>(
    database.db,
    sql`with c as (${candidates}),
        e as (select ${envelope} as env, ${buffered} as buffered),
        shaped as (select ${columns}, ${shaped} as g from (select * from c limit ${layer.maxFeatures}) l, e)
        select ${columns}, ST_AsGeoJSON(g, 0)::json as tile_geom, (select count(*) from c)::int as n
        from shaped where g is not null and not ST_IsEmpty(g)`,
  );
  const n = rows.length > 0 ? Number(rows[0]!.n) : 0;
  const features = rows.map((r) => ({
    geometry: jsonColumn(r.tile_geom as Geometry | string),
    properties: Object.fromEntries(names.map((k) => [k, r[k] ?? null])),
  }));
  return { bytes: encodeTile(layer.id, features), features: features.length, capped: n > layer.maxFeatures };
}
