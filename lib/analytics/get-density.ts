import { codeInStreetSql } from "@/lib/auth/in-street";
import type { Actor } from "@/lib/auth/actor";
import { sql } from "drizzle-orm";
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from "geojson";
import { latLngToCell } from "h3-js";
import { z } from "zod";
import { query } from "@/lib/db/query";
import type { Db } from "@/lib/db/types";
import { scopeAnalysis } from "./analysis-scope";
import { quarticDensity } from "./kernel-density";
import { analysisParams } from "./params";
import { loadUnits, unitFeature, type UnitSet } from "./units";
import { countEvents, eventConditions } from "./count-events";

export const DensityParams = analysisParams({
  mode: z.enum(["units", "kde"]).default("units"),
  bandwidth: z.coerce.number().min(50, "bandwidth is 50–5000 m").max(5000, "bandwidth is 50–5000 m").default(300),
  cell: z.coerce.number().min(25, "cell is 25–1000 m").max(1000, "cell is 25–1000 m").default(100),
});
export type DensityParams = z.output<typeof DensityParams>;

export interface DensityUnitProperties {
  code: string;
  name_zh: string;
  name_en: string;
  count: number;
  area_km2: number;
  /** Null for an edge hexagon mostly outside the area: too little area to rate (see MIN_INSIDE_SHARE). */
  per_km2: number | null;
  rental_units: number;
  /** Events per 1,000 rental units; null where the unit has no rental units. */
  per_1000_rental_units: number | null;
}

export interface DensitySummary {
  method: string;
  unit: string;
  resolution: number | null;
  from: string;
  to: string;
  categories: string[] | null;
  street: string | null;
  events: number;
  max: number;
  run_ms: number;
  bandwidth_m?: number;
  cell_m?: number;
  note?: string;
}

export type DensityCollection = FeatureCollection<Polygon | MultiPolygon, Record<string, unknown>> & { summary: DensitySummary };

/** Counts and rates per unit, or (mode=kde) a quartic kernel density surface in events per km². */
export async function getDensity(db: Db, actor: Actor, input: DensityParams): Promise<DensityCollection> {
  const params: DensityParams = scopeAnalysis(actor, input);
  return params.mode === "kde" ? kernelSurface(db, params) : perUnit(db, params);
}

/**
 * An edge hexagon is rated over its part inside the area; below this share that part is a sliver,
 * where one event would read as a peak drawn over a whole hexagon mostly outside the district.
 */
const MIN_INSIDE_SHARE = 0.25;

async function perUnit(db: Db, params: DensityParams): Promise<DensityCollection> {
  const started = performance.now();
  const units = await loadUnits(db, params.unit, params.resolution, params.street);
  const [{ counts }, rental] = await Promise.all([countEvents(db, units, params, null), rentalUnits(db, units, params.street)]);
  const values = counts[0] as number[];
  const features: Feature<Polygon | MultiPolygon, DensityUnitProperties>[] = units.units.map((u, i) => {
    const count = values[i] as number;
    const rentalUnitsHere = rental[i] as number;
    return unitFeature(u, {
      count,
      area_km2: u.areaKm2,
      per_km2: (u.insideShare ?? 1) < MIN_INSIDE_SHARE ? null : u.areaKm2 > 0 ? count / u.areaKm2 : 0,
      rental_units: rentalUnitsHere,
      per_1000_rental_units: rentalUnitsHere > 0 ? (1000 * count) / rentalUnitsHere : null,
    });
  });
  return {
    type: "FeatureCollection",
    features: features as unknown as DensityCollection["features"],
    summary: {
      method: "event counts and rates per unit",
      unit: params.unit,
      resolution: units.resolution,
      ...windowSummary(params),
      events: values.reduce((a, b) => a + b, 0),
      max: Math.max(0, ...features.map((f) => f.properties.per_km2 ?? 0)),
      run_ms: Math.round(performance.now() - started),
      ...(units.kind === "h3" ? { note: `edge hexagons less than ${MIN_INSIDE_SHARE * 100}% inside the area have no density (per_km2 null): their events are counted, but the area is too small to rate` } : {}),
    },
  };
}

/** Rental units (dwellings) per analysis unit, for "per 1,000 rental units" rates. */
async function rentalUnits(db: Db, units: UnitSet, street: string | undefined): Promise<number[]> {
  const out = new Array<number>(units.units.length).fill(0);
  const scope = street ? sql`and ${codeInStreetSql(sql`c.street_code`, street)}` : sql``;
  const from = sql`rental_buildings b join grid_cells g on g.id = b.grid_cell_id join communities c on c.code = g.community_code`;
  if (units.kind === "h3") {
    const rows = await query<{ x: number; y: number; n: number }>(
      db,
      sql`select ST_X(b.geom) as x, ST_Y(b.geom) as y, b.units as n from ${from} where b.registration_status <> 'deregistered' ${scope}`,
    );
    for (const r of rows) {
      const i = units.index.get(latLngToCell(r.y, r.x, units.resolution as number));
      if (i !== undefined) out[i]! += Number(r.n);
    }
    return out;
  }
  const key = units.kind === "grid-cells" ? sql`g.code` : units.kind === "communities" ? sql`g.community_code` : sql`c.street_code`;
  const rows = await query<{ unit: string; n: number }>(
    db,
    sql`select ${key} as unit, sum(b.units)::int as n from ${from} where b.registration_status <> 'deregistered' ${scope} group by 1`,
  );
  for (const r of rows) {
    const i = units.index.get(r.unit);
    if (i !== undefined) out[i] = Number(r.n);
  }
  return out;
}

async function kernelSurface(db: Db, params: DensityParams): Promise<DensityCollection> {
  const started = performance.now();
  const scope = params.street ? sql`where ${codeInStreetSql(sql`code`, params.street)}` : sql``;
  const [extent] = await query<{ w: number | null; s: number; e: number; n: number }>(
    db,
    sql`select ST_XMin(x) as w, ST_YMin(x) as s, ST_XMax(x) as e, ST_YMax(x) as n
        from (select ST_Extent(geom)::geometry as x from streets ${scope}) t`,
  );
  const points = await query<{ x: number; y: number; n: number }>(
    db,
    sql`select round(ST_X(e.geom)::numeric, 5)::float8 as x, round(ST_Y(e.geom)::numeric, 5)::float8 as y, count(*)::int as n
        from events e join grid_cells g on g.id = e.grid_cell_id join communities c on c.code = g.community_code
        where ${eventConditions(params)} group by 1, 2`,
  );
  const summaryBase = { method: "quartic kernel density (events per km²)", unit: "grid", resolution: null, ...windowSummary(params) };
  if (!extent || extent.w === null) {
    return { type: "FeatureCollection", features: [], summary: { ...summaryBase, events: 0, max: 0, run_ms: 0 } };
  }
  const pad = params.bandwidth / 111_000;
  const grid = quarticDensity(
    points.map((p) => ({ lon: Number(p.x), lat: Number(p.y), weight: Number(p.n) })),
    [Number(extent.w) - pad, Number(extent.s) - pad, Number(extent.e) + pad, Number(extent.n) + pad],
    params.bandwidth,
    params.cell,
  );
  const max = grid.values.reduce((a, b) => Math.max(a, b), 0);
  // Cells below 1 % of the peak are left out to keep the response small; they read as empty.
  const floor = max * 0.01;
  const features: Feature<Polygon, Record<string, unknown>>[] = [];
  for (let r = 0; r < grid.rows; r++) {
    for (let c = 0; c < grid.columns; c++) {
      const value = grid.values[r * grid.columns + c] as number;
      if (value <= floor || value === 0) continue;
      const x0 = grid.west + c * grid.dLon;
      const y0 = grid.south + r * grid.dLat;
      const ring = [[x0, y0], [x0 + grid.dLon, y0], [x0 + grid.dLon, y0 + grid.dLat], [x0, y0 + grid.dLat], [x0, y0]].map(
        ([x, y]) => [round(x as number, 6), round(y as number, 6)],
      );
      features.push({ type: "Feature", geometry: { type: "Polygon", coordinates: [ring] }, properties: { density: round(value, 3) } });
    }
  }
  return {
    type: "FeatureCollection",
    features,
    summary: {
      ...summaryBase,
      events: points.reduce((a, p) => a + Number(p.n), 0),
      max: round(max, 3),
      bandwidth_m: params.bandwidth,
      cell_m: params.cell,
      note: "cells under 1% of the peak density are omitted",
      run_ms: Math.round(performance.now() - started),
    },
  };
}

function windowSummary(params: DensityParams) {
  return {
    from: params.from.toISOString(),
    to: params.to.toISOString(),
    categories: params.categories,
    street: params.street ?? null,
  };
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
