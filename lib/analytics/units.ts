import { CONTIGUITY_TOLERANCE_DEGREES } from "./contiguity-tolerance";
import { fillEventH3, H3_COLUMN, h3FromDecimal, type H3Resolution } from "./event-h3";
import { sql, type SQL } from "drizzle-orm";
import type { Feature, Geometry, MultiPolygon, Polygon } from "geojson";
import { cellArea, cellToBoundary, cellToLatLng, gridDisk, polygonToCells } from "h3-js";
import { jsonColumn, query } from "@/lib/db/query";
import { LayerCache } from "@/lib/db/layer-state";
import type { Db } from "@/lib/db/types";
import { NotFoundError } from "@/lib/http/errors";
import type { AnalysisUnit, EventFilter } from "./params";
import type { Neighbours } from "./getis-ord";
import { neighboursFromPairs } from "./weights";
import { codeInStreetSql, streetOfSql } from "@/lib/auth/in-street";
import { stepDate, stepStarts, type StepLength } from "@/lib/time/china-steps";
import { chinaMidnight } from "@/lib/time/china-date";

/** A unit of analysis: a grid cell, community, street or H3 hexagon. */
export interface Unit {
  code: string;
  nameZh: string;
  nameEn: string;
  geometry: Polygon | MultiPolygon;
  areaKm2: number;
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
const ADMIN: Record<Exclude<AnalysisUnit, "h3">, { table: SQL; base: SQL; fromCell: SQL; nameZh: SQL; nameEn: SQL; street: SQL; baseStreet: (alias: string) => SQL }> = {
  "grid-cells": {
    table: sql`grid_cells u join communities c on c.code = u.community_code`,
    base: sql`grid_cells`,
    fromCell: sql`g.code`,
    nameZh: sql`c.name_zh || ' ' || right(u.code, 3)`,
    nameEn: sql`c.name_en || ' ' || right(u.code, 3)`,
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
  if (street && units.length === 0) throw new NotFoundError(`no street with code ${street}`);
  return { kind, resolution: kind === "h3" ? resolution : null, units, index: new Map(units.map((u, i) => [u.code, i])) };
}

async function loadAdminUnits(db: Db, kind: Exclude<AnalysisUnit, "h3">, street: string | undefined): Promise<Unit[]> {
  const a = ADMIN[kind];
  const rows = await query<{ code: string; name_zh: string; name_en: string; geometry: Geometry | string; km2: number; x: number; y: number }>(
    db,
    sql`select u.code, ${a.nameZh} as name_zh, ${a.nameEn} as name_en, ST_AsGeoJSON(u.geom, 6)::json as geometry,
               ST_Area(u.geom::geography) / 1e6 as km2, ST_X(ST_PointOnSurface(u.geom)) as x, ST_Y(ST_PointOnSurface(u.geom)) as y
        from ${a.table} ${street ? sql`where ${a.street} = ${street}` : sql``} order by u.code`,
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

/** H3 hexagons covering the district (or one street) at `resolution`. */
async function loadHexagons(db: Db, resolution: number, street: string | undefined): Promise<Unit[]> {
  const rows = await query<{ geometry: Geometry | string }>(
    db,
    sql`select ST_AsGeoJSON(geom, 6)::json as geometry from streets ${street ? sql`where code = ${street}` : sql``}`,
  );
  const cells = new Set<string>();
  for (const row of rows) {
    const geometry = parseGeometry(row.geometry);
    const polygons = geometry.type === "MultiPolygon" ? geometry.coordinates : [geometry.coordinates];
    for (const polygon of polygons) for (const h of polygonToCells(polygon, resolution, true)) cells.add(h);
  }
  return [...cells].sort().map(hexagonUnit);
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
const TABLE_ALIAS = { e: sql`e`, h: sql`h` } as const;

/**
 * WHERE conditions for events in a window, of some categories, in a street. Values are parameters.
 * Time and category are read from `alias` (events `e`, or the stored H3 rows `h`, which copy them);
 * the street from `c` (communities) and the bounding box from `e.geom`, when those filters are set.
 */
export function eventConditions(filter: EventFilter, alias: "e" | "h" = "e"): SQL {
  const t = TABLE_ALIAS[alias];
  const parts = [sql`${t}.occurred_at >= ${filter.from.toISOString()}::timestamptz`, sql`${t}.occurred_at < ${filter.to.toISOString()}::timestamptz`];
  if (filter.categories) parts.push(sql`${t}.category::text = any(string_to_array(${filter.categories.join(",")}, ','))`);
  if (filter.street) parts.push(sql`c.street_code = ${filter.street}`);
  if (filter.bbox) {
    const [w, s, e, n] = filter.bbox as [number, number, number, number];
    parts.push(sql`e.geom && ST_MakeEnvelope(${w}::float8, ${s}::float8, ${e}::float8, ${n}::float8, 4326)`);
  }
  return sql.join(parts, sql` and `);
}


/**
 * Event counts per unit (and per time step when `step` is given), aggregated in PostGIS.
 * Admin units count through each event's grid cell; H3 through each event's stored cell (event-h3.ts).
 * Returns counts[step][unit] (one step when `step` is null) and the step start dates.
 */
export async function countEvents(
  db: Db,
  units: UnitSet,
  filter: EventFilter,
  step: StepLength | null,
): Promise<{ counts: number[][]; steps: Date[] }> {
  const steps = step ? stepStarts(filter.from, filter.to, step) : [filter.from];
  const stepIndex = new Map(steps.map((d, i) => [stepDate(d), i]));
  const counts = steps.map(() => new Array<number>(units.units.length).fill(0));
  const add = (rows: CountRow[]) => {
    for (const row of rows) {
      const s = step ? stepIndex.get(String(row.bucket).slice(0, 10)) : 0;
      if (s === undefined) continue; // partial steps at the ends are left out
      const code = "unit" in row ? row.unit : h3FromDecimal(row.h3);
      const u = units.index.get(code);
      if (u !== undefined) (counts[s] as number[])[u]! += Number(row.n);
    }
  };

  // Admin units over whole weeks read the per-cell weekly counts (migration 0004); only the
  // partial weeks at the window's ends, H3, bounding boxes and monthly steps scan events.
  const weeks = stepStarts(filter.from, filter.to, "week");
  const useWeekly = units.kind !== "h3" && !filter.bbox && step !== "month" && weeks.length > 0;
  if (!useWeekly) {
    add(await rawCounts(db, units, filter, step));
    return { counts, steps };
  }
  const first = weeks[0]!;
  const end = new Date(weeks[weeks.length - 1]!.getTime() + 7 * 86_400_000);
  add(await weeklyCounts(db, units, filter, step, stepDate(first), stepDate(end)));
  if (step === null) {
    const firstUtc = chinaMidnight(stepDate(first));
    const endUtc = chinaMidnight(stepDate(end));
    if (filter.from < firstUtc) add(await rawCounts(db, units, { ...filter, to: firstUtc }, null));
    if (endUtc < filter.to) add(await rawCounts(db, units, { ...filter, from: endUtc }, null));
  }
  return { counts, steps };
}

type CountRow = { bucket: string; n: number } & ({ unit: string } | { h3: string });

/** Street scope through the cell's code (a cell's first 9 digits are its street's). */
const streetScope = (filter: EventFilter) => (filter.street ? sql`and ${codeInStreetSql(sql`g.community_code`, filter.street)}` : sql``);

/** Events counted per grid cell first (one pass over events), then mapped to the unit; H3 bins positions. */
async function rawCounts(db: Db, units: UnitSet, filter: EventFilter, step: StepLength | null): Promise<CountRow[]> {
  const bucket = step ? sql`date_trunc(${step}, e.occurred_at at time zone 'Asia/Shanghai')::text` : sql`''`;
  const inWindow = eventConditions({ ...filter, street: undefined });
  if (units.kind === "h3") {
    // Queued events get their stored H3 cells first (once per event), then count in SQL. The
    // stored rows carry time, category and grid cell, so only a bounding box needs the events.
    await fillEventH3(db);
    const cell = H3_COLUMN[units.resolution as H3Resolution];
    if (!cell) throw new Error(`H3 resolution ${units.resolution} is not stored`);
    const hBucket = step ? sql`date_trunc(${step}, h.occurred_at at time zone 'Asia/Shanghai')::text` : sql`''`;
    const positions = filter.bbox ? sql`join events e on e.id = h.event_id` : sql``;
    const inStreet = filter.street ? sql`and h.grid_cell_id in (select g.id from grid_cells g where true ${streetScope(filter)})` : sql``;
    return query(
      db,
      sql`select ${hBucket} as bucket, ${cell}::text as h3, count(*)::int as n
          from event_h3 h ${positions}
          where ${eventConditions({ ...filter, street: undefined }, "h")} ${inStreet}
          group by 1, ${cell}`,
    );
  }
  return query(
    db,
    sql`with per_cell as (
          select ${bucket} as bucket, e.grid_cell_id, count(*)::int as n from events e
          where ${inWindow} and e.grid_cell_id is not null group by 1, 2)
        select p.bucket, ${ADMIN[units.kind].fromCell} as unit, sum(p.n)::int as n
        from per_cell p join grid_cells g on g.id = p.grid_cell_id join communities c on c.code = g.community_code
        where true ${streetScope(filter)} group by 1, 2`,
  );
}

/** Whole weeks [firstWeek, endWeek) from the per-cell weekly counts. */
async function weeklyCounts(db: Db, units: UnitSet, filter: EventFilter, step: StepLength | null, firstWeek: string, endWeek: string): Promise<CountRow[]> {
  if (units.kind === "h3") throw new Error("weekly counts are per grid cell");
  const week = step ? sql`w.week` : sql`null::date`;
  const categories = filter.categories ? sql`and w.category::text = any(string_to_array(${filter.categories.join(",")}, ','))` : sql``;
  // Sum the categories per (step, cell) on integers first (an index-only scan, migration 0009),
  // then name the units: grouping on text over every category row costs twice as much.
  return query(
    db,
    sql`with per_cell as (
          select ${week} as week, w.grid_cell_id, sum(w.n)::int as n from event_cell_weeks w
          where w.week >= ${firstWeek}::date and w.week < ${endWeek}::date ${categories} group by 1, 2)
        ${
          units.kind === "grid-cells"
            ? sql`select coalesce(p.week::text, '') as bucket, g.code as unit, p.n
                  from per_cell p join grid_cells g on g.id = p.grid_cell_id where true ${streetScope(filter)}`
            : sql`select coalesce(p.week::text, '') as bucket, ${ADMIN[units.kind].fromCell} as unit, sum(p.n)::int as n
                  from per_cell p join grid_cells g on g.id = p.grid_cell_id join communities c on c.code = g.community_code
                  where true ${streetScope(filter)} group by 1, 2`
        }`,
  );
}


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
  const scope = (alias: string) => (street ? sql`and ${a.baseStreet(alias)} = ${street}` : sql``);
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
