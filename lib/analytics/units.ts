import { cellNameSql } from "@/lib/register/cell-name";
import { CONTIGUITY_TOLERANCE_DEGREES } from "./contiguity-tolerance";
import { sql, type SQL } from "drizzle-orm";
import type { Feature, Geometry, MultiPolygon, Polygon } from "geojson";
import { cellArea, cellToBoundary, cellToLatLng, gridDisk, polygonToCellsExperimental, POLYGON_TO_CELLS_FLAGS } from "h3-js";
import { jsonColumn, query } from "@/lib/db/query";
import { LayerCache } from "@/lib/db/layer-state";
import type { Db } from "@/lib/db/types";
import { NotFoundError } from "@/lib/http/errors";
import type { AnalysisUnit } from "./params";
import type { Neighbours } from "./getis-ord";
import { neighboursFromPairs } from "./weights";
import { codeInStreetSql, streetOfSql } from "@/lib/auth/in-street";

/** A unit of analysis: a grid cell, community, street or H3 hexagon. */
export interface Unit {
  code: string;
  nameZh: string;
  nameEn: string;
  geometry: Polygon | MultiPolygon;
  areaKm2: number;
  /** For a hexagon on the area's edge: the share of it inside the area (0–1); absent when whole. */
  insideShare?: number;
  centroid: [number, number];
}

export interface UnitSet {
  kind: AnalysisUnit;
  resolution: number | null;
  units: Unit[];
  index: Map<string, number>;
}

/**
 * SQL for the admin units, from an allowlist (never user text):
 * `table` lists units with their street (`street`) for scoping; `base` is the bare table for the
 * index-friendly neighbour self-join; `fromCell` maps a grid cell (g, with community c) to the unit.
 */
export const ADMIN: Record<Exclude<AnalysisUnit, "h3">, { table: SQL; base: SQL; fromCell: SQL; nameZh: SQL; nameEn: SQL; street: SQL; baseStreet: (alias: string) => SQL }> = {
  "grid-cells": {
    table: sql`grid_cells u join communities c on c.code = u.community_code`,
    base: sql`grid_cells`,
    fromCell: sql`g.code`,
    nameZh: cellNameSql(sql`u.code`, sql`c.name_zh`),
    nameEn: cellNameSql(sql`u.code`, sql`c.name_en`),
    street: sql`c.street_code`,
    baseStreet: (t) => streetOfSql(sql`${sql.identifier(t)}.code`),
  },
  communities: {
    table: sql`communities u`,
    base: sql`communities`,
    fromCell: sql`g.community_code`,
    nameZh: sql`u.name_zh`,
    nameEn: sql`u.name_en`,
    street: sql`u.street_code`,
    baseStreet: (t) => sql`${sql.identifier(t)}.street_code`,
  },
  streets: {
    table: sql`streets u`,
    base: sql`streets`,
    fromCell: sql`c.street_code`,
    nameZh: sql`u.name_zh`,
    nameEn: sql`u.name_en`,
    street: sql`u.code`,
    baseStreet: (t) => sql`${sql.identifier(t)}.code`,
  },
};

/**
 * Units (with geometry, area and a point inside) change only when the boundary layers do; at
 * city scale reading and parsing them is a fifth of a second, so they are kept per layer state.
 * Callers must not modify what they get.
 */
const unitCache = new LayerCache<Unit[]>(["streets", "communities", "grid-cells"], 16);

export async function loadUnits(db: Db, kind: AnalysisUnit, resolution: number, street: string | undefined): Promise<UnitSet> {
  const units = await unitCache.get(db, `${kind}:${kind === "h3" ? resolution : ""}:${street ?? "*"}`, () =>
    kind === "h3" ? loadHexagons(db, resolution, street) : loadAdminUnits(db, kind, street),
  );
  if (street && units.length === 0) throw new NotFoundError().as("street.not_found", { code: street });
  return { kind, resolution: kind === "h3" ? resolution : null, units, index: new Map(units.map((u, i) => [u.code, i])) };
}

async function loadAdminUnits(db: Db, kind: Exclude<AnalysisUnit, "h3">, street: string | undefined): Promise<Unit[]> {
  const a = ADMIN[kind];
  const rows = await query<{ code: string; name_zh: string; name_en: string; geometry: Geometry | string; km2: number; x: number; y: number }>(
    db,
    sql`select u.code, ${a.nameZh} as name_zh, ${a.nameEn} as name_en, ST_AsGeoJSON(u.geom, 6)::json as geometry,
               ST_Area(u.geom::geography) / 1e6 as km2, ST_X(ST_PointOnSurface(u.geom)) as x, ST_Y(ST_PointOnSurface(u.geom)) as y
        from ${a.table} ${street ? sql`where ${codeInStreetSql(a.street, street)}` : sql``} order by u.code`,
  );
  return rows.map((r) => ({
    code: r.code,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    geometry: parseGeometry(r.geometry) as MultiPolygon,
    areaKm2: Number(r.km2),
    centroid: [Number(r.x), Number(r.y)],
  }));
}

/**
 * H3 hexagons covering the district (or one street) at `resolution`. A hexagon on the area's edge
 * keeps its whole shape on the map, but its area is the part inside the area: density is events
 * per km² of the area, and an edge hexagon's events can only lie in that part.
 */
async function loadHexagons(db: Db, resolution: number, street: string | undefined): Promise<Unit[]> {
  const rows = await query<{ geometry: Geometry | string }>(
    db,
    sql`select ST_AsGeoJSON(geom, 6)::json as geometry from streets ${street ? sql`where ${codeInStreetSql(sql`code`, street)}` : sql``}`,
  );
  const cells = new Set<string>();
  const inside = new Set<string>();
  for (const row of rows) {
    const geometry = parseGeometry(row.geometry);
    const polygons = geometry.type === "MultiPolygon" ? geometry.coordinates : [geometry.coordinates];
    // Every hexagon that overlaps the area, not only those whose centre lies in it: an event near
    // the edge falls in a hexagon whose centre may be outside, and must still be counted.
    for (const polygon of polygons) {
      for (const h of polygonToCellsExperimental(polygon, resolution, POLYGON_TO_CELLS_FLAGS.containmentOverlapping, true)) cells.add(h);
      for (const h of polygonToCellsExperimental(polygon, resolution, POLYGON_TO_CELLS_FLAGS.containmentFull, true)) inside.add(h);
    }
  }
  const units = [...cells].sort().map(hexagonUnit);
  const edge = units.filter((u) => !inside.has(u.code));
  const [areas, names] = await Promise.all([areasInside(db, edge, street), streetNames(db, units, street)]);
  for (const u of edge) {
    const whole = u.areaKm2;
    u.areaKm2 = Math.min(whole, areas.get(u.code) ?? 0);
    u.insideShare = whole > 0 ? u.areaKm2 / whole : 0;
  }
  for (const u of units) {
    const name = names.get(u.code);
    if (name) Object.assign(u, { nameZh: `${name.zh}（六边形）`, nameEn: `${name.en} (hexagon)` });
  }
  return units;
}

/**
 * A hexagon named by its street, so a list of hot hexagons reads as places (五马街道（六边形）), not
 * as 15-digit indexes: the street its centre lies in, or for an edge hexagon the nearest one.
 */
async function streetNames(db: Db, hexagons: Unit[], street: string | undefined): Promise<Map<string, { zh: string; en: string }>> {
  if (hexagons.length === 0) return new Map();
  const list = JSON.stringify(hexagons.map((u) => [u.code, u.centroid[0], u.centroid[1]]));
  const scope = street ? sql`where ${codeInStreetSql(sql`s.code`, street)}` : sql``;
  const rows = await query<{ code: string; zh: string; en: string }>(
    db,
    sql`with h as (
          select f->>0 as code, ST_SetSRID(ST_MakePoint((f->>1)::float8, (f->>2)::float8), 4326) as pt
          from jsonb_array_elements(${list}::jsonb) f)
        select h.code, s.name_zh as zh, s.name_en as en
        from h cross join lateral (select s.name_zh, s.name_en from streets s ${scope} order by s.geom <-> h.pt limit 1) s`,
  );
  return new Map(rows.map((r) => [r.code, { zh: r.zh, en: r.en }]));
}

/**
 * The area (km²) of each hexagon that lies inside the streets in scope, summed street by street
 * (streets do not overlap). Only hexagons not wholly inside one street are measured: on the
 * area's edge, and across the borders between streets, where the sum gives the whole hexagon back.
 */
async function areasInside(db: Db, hexagons: Unit[], street: string | undefined): Promise<Map<string, number>> {
  if (hexagons.length === 0) return new Map();
  const list = JSON.stringify(hexagons.map((u) => ({ code: u.code, geometry: u.geometry })));
  const scope = street ? sql`where ${codeInStreetSql(sql`code`, street)}` : sql``;
  // The streets are read once, made valid (an imported street that is not would make GEOS refuse
  // the intersection) and cut into pieces of at most 128 vertices, so each hexagon is clipped
  // against the few small pieces its box touches. Pieces do not overlap: their areas add up.
  const rows = await query<{ code: string; km2: number }>(
    db,
    sql`with h as (
          select f->>'code' as code, ST_SetSRID(ST_GeomFromGeoJSON((f->'geometry')::text), 4326) as geom
          from jsonb_array_elements(${list}::jsonb) f),
        s as materialized (
          select ST_Subdivide(case when ST_IsValid(geom) then geom else ST_MakeValid(geom) end, 128) as geom from streets ${scope})
        select h.code, coalesce(sum(ST_Area(ST_Intersection(h.geom, s.geom)::geography)), 0) / 1e6 as km2
        from h left join s on h.geom && s.geom and ST_Intersects(h.geom, s.geom)
        group by h.code`,
  );
  return new Map(rows.map((r) => [r.code, Number(r.km2)]));
}

/** A unit as a GeoJSON feature: its code and names, plus the analysis's own properties. */
export function unitFeature<P extends object>(u: Unit, properties: P): Feature<Polygon | MultiPolygon, { code: string; name_zh: string; name_en: string } & P> {
  return { type: "Feature", id: u.code, geometry: u.geometry, properties: { code: u.code, name_zh: u.nameZh, name_en: u.nameEn, ...properties } };
}

export function hexagonUnit(h: string): Unit {
  const ring = cellToBoundary(h, true);
  const [lat, lng] = cellToLatLng(h);
  return {
    code: h,
    nameZh: h,
    nameEn: h,
    geometry: { type: "Polygon", coordinates: [ring] },
    areaKm2: cellArea(h, "km2"),
    centroid: [lng, lat],
  };
}

function parseGeometry(g: Geometry | string): Polygon | MultiPolygon {
  return jsonColumn(g as Polygon | MultiPolygon | string);
}

/** The aliases event conditions may read from, as fixed fragments. */
/**
 * Queen neighbours of a unit list, kept for as long as that list is (the list itself is cached
 * per layer state by loadUnits): contiguity is a spatial self-join, a fifth of a second at city scale.
 */
const neighbourCache = new WeakMap<readonly Unit[], Promise<Neighbours>>();

/** Queen contiguity: units sharing an edge or a vertex (PostGIS self-join; H3 via its grid). */
export function queenNeighbours(db: Db, units: UnitSet, street: string | undefined): Promise<Neighbours> {
  const hit = neighbourCache.get(units.units);
  if (hit) return hit;
  const pending = computeQueenNeighbours(db, units, street);
  neighbourCache.set(units.units, pending);
  pending.catch(() => neighbourCache.delete(units.units));
  return pending;
}

async function computeQueenNeighbours(db: Db, units: UnitSet, street: string | undefined): Promise<Neighbours> {
  if (units.kind === "h3") {
    const pairs: [number, number][] = [];
    units.units.forEach((u, i) => {
      for (const h of gridDisk(u.code, 1)) {
        const j = units.index.get(h);
        if (j !== undefined && j > i) pairs.push([i, j]);
      }
    });
    return neighboursFromPairs(units.units.length, pairs);
  }
  const a = ADMIN[units.kind];
  // Self-join on the bare table so the GiST index is used (a CTE would hide it: O(n²)).
  // Units within CONTIGUITY_TOLERANCE_DEGREES (~0.1 mm) touch: an edge digitised twice still counts.
  // `street` may be a street's code or a district's (a 6-digit area): a prefix of the units' street.
  const scope = (alias: string) => (street ? sql`and ${codeInStreetSql(a.baseStreet(alias), street)}` : sql``);
  const rows = await query<{ a: string; b: string }>(
    db,
    sql`select x.code as a, y.code as b from ${a.base} x join ${a.base} y
        on x.code < y.code and ST_DWithin(x.geom, y.geom, ${CONTIGUITY_TOLERANCE_DEGREES}::float8) ${scope("x")} ${scope("y")}`,
  );
  // A unit added since the list was read is not in it: its pairs are left out, not an error.
  const pairs: [number, number][] = [];
  for (const r of rows) {
    const [i, j] = [units.index.get(r.a), units.index.get(r.b)];
    if (i !== undefined && j !== undefined) pairs.push([i, j]);
  }
  return neighboursFromPairs(units.units.length, pairs);
}
