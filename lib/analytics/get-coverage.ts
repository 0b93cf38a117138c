import type { Actor } from "@/lib/auth/actor";
import { cellIdInStreetSql, sameStreetSql, streetOfSql } from "@/lib/auth/in-street";
import { sql } from "drizzle-orm";
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from "geojson";
import { z } from "zod";
import { jsonColumn, query } from "@/lib/db/query";
import { LayerCache } from "@/lib/db/layer-state";
import type { Db } from "@/lib/db/types";
import { scopeAnalysis } from "./analysis-scope";
import { BadRequestError } from "@/lib/http/errors";
import { analysisParams } from "./params";
import { targetsInForce, type TargetInForce } from "@/lib/targets/coverage-targets";
import { COVERAGE_METRICS, type CoverageMetric } from "./targets";
import { loadUnits } from "./units";
import { withinMetresOf } from "./within-metres";
import { add, emptyTallies, metricsOf, type MetricValue, type Tallies } from "./tallies";
export { add, emptyTallies, metricsOf, type MetricValue, type Tallies, type Tally } from "./tallies";
import { registerAt } from "./register-at";
import { chinaMonth, lastDateBefore, MONTH_PATTERN, monthBounds } from "@/lib/time/china-date";
import { readFrozenMonth } from "@/lib/monthly/read-frozen-month";

export const CoverageParams = analysisParams({
  patrol_days: z.coerce.number().int().min(1).max(366).default(30),
  inspection_days: z.coerce.number().int().min(1).max(366).default(30),
  guidance_metres: z.coerce.number().min(10).max(5000).default(500),
  /** A calendar month (China time): its window; a month that has ended is read from its frozen figures. */
  month: z.string().regex(MONTH_PATTERN, "month: use YYYY-MM, e.g. 2026-10").optional(),
});
export type CoverageParams = z.output<typeof CoverageParams>;



export interface CoverageProperties {
  code: string;
  name_zh: string;
  name_en: string;
  street_code: string;
  metrics: Record<CoverageMetric, MetricValue>;
  below_target: CoverageMetric[];
}

export interface GeometryCoverage {
  street_code: string;
  uncovered_m2: number;
  overlap_m2: number;
  overlapping_pairs: [string, string][];
  /** The uncovered area itself, when there is one (for drawing); null when none or not computable. */
  gap: MultiPolygon | null;
}

export type CoverageCollection = FeatureCollection<Polygon | MultiPolygon, CoverageProperties> & {
  summary: {
    unit: string;
    as_of: string;
    from: string;
    to: string;
    street: string | null;
    parameters: { patrol_days: number; inspection_days: number; guidance_metres: number };
    /** Each metric's target in force on the period's last day, with its source. */
    targets: Record<CoverageMetric, TargetInForce>;
    district: Record<CoverageMetric, MetricValue>;
    units_below_target: Record<CoverageMetric, number>;
    geometry: { uncovered_m2: number; overlap_m2: number; streets: GeometryCoverage[] };
    /** The calendar month shown, when one was asked for; frozen_at is when its figures were frozen (null: live). */
    month: string | null;
    frozen_at: string | null;
    run_ms: number;
  };
};

/**
 * Coverage against the district's targets per grid cell, rolled up to communities, streets and
 * the district as ratios of sums (not averages of ratios):
 * - registration: registered / rental buildings in the register (deregistered ones excluded);
 *   registration_units: the same weighted by units;
 * - responsibility_letters: signed / rental buildings;
 * - inspection_recency: inspected within `inspection_days` of `to` / rental buildings;
 * - patrol: cells with ≥ 1 patrol check-in in the `patrol_days` before `to` / cells;
 * - guidance: stall violations in [from, to) within `guidance_metres` of an active guidance point
 *   with spare capacity / stall violations.
 */
export async function getCoverage(db: Db, actor: Actor, input: CoverageParams): Promise<CoverageCollection> {
  const params: CoverageParams = scopeAnalysis(actor, input);
  const started = performance.now();
  if (params.unit === "h3") throw new BadRequestError("unit: coverage is measured on grid-cells, communities or streets, not h3");
  // A window that is exactly a calendar month is that month (the Coverage view's month picker).
  params.month ??= calendarMonthOf(params.from, params.to);
  if (params.month) Object.assign(params, monthWindow(params.month));
  const asFrozen = params.month && FROZEN_KEYS.every((k) => params[k] === FROZEN_PARAMETERS[k]);
  const units = await loadUnits(db, params.unit, params.resolution, params.street);
  // A month that has ended is read from its frozen figures, never recomputed from today's register.
  const frozen = asFrozen ? await readFrozenMonth(db, params.month!, params.unit, params.street) : null;
  const targets = frozen ? frozen.targets : await targetsInForce(db, lastDateBefore(params.to));
  const toMetrics = (t: Tallies) => metricsOf(t, targets);

  const { units: byUnit, total: district } = frozen
    ? { units: frozen.units, total: frozen.district }
    : rollUp(await coverageTallies(db, params), params.unit);

  const below = Object.fromEntries(COVERAGE_METRICS.map((m) => [m, 0])) as Record<CoverageMetric, number>;
  const features: Feature<Polygon | MultiPolygon, CoverageProperties>[] = units.units.map((u) => {
    const entry = byUnit.get(u.code) ?? { tallies: emptyTallies(), street: "" };
    const metrics = toMetrics(entry.tallies);
    const belowTarget = COVERAGE_METRICS.filter((m) => (metrics[m].gap ?? 0) > 1e-12);
    for (const m of belowTarget) below[m]++;
    return {
      type: "Feature",
      id: u.code,
      geometry: u.geometry,
      properties: { code: u.code, name_zh: u.nameZh, name_en: u.nameEn, street_code: entry.street, metrics, below_target: belowTarget },
    };
  });
  const geometry = await cachedGeometryCoverage(db, params.street);
  return {
    type: "FeatureCollection",
    features,
    summary: {
      unit: params.unit,
      as_of: params.to.toISOString(),
      from: params.from.toISOString(),
      to: params.to.toISOString(),
      street: params.street ?? null,
      parameters: { patrol_days: params.patrol_days, inspection_days: params.inspection_days, guidance_metres: params.guidance_metres },
      targets,
      district: toMetrics(district),
      units_below_target: below,
      geometry: {
        uncovered_m2: round(geometry.reduce((s, g) => s + g.uncovered_m2, 0), 1),
        overlap_m2: round(geometry.reduce((s, g) => s + g.overlap_m2, 0), 1),
        streets: geometry,
      },
      month: params.month ?? null,
      frozen_at: frozen?.frozenAt ?? null,
      run_ms: Math.round(performance.now() - started),
    },
  };
}

export type RollUpUnit = "grid-cells" | "communities" | "streets";

/** Cells' tallies summed per unit (with the unit's street), and in total: roll-ups are sums. */
export function rollUp(cells: CellRow[], unit: RollUpUnit): { units: Map<string, { tallies: Tallies; street: string }>; total: Tallies } {
  const units = new Map<string, { tallies: Tallies; street: string }>();
  const total = emptyTallies();
  for (const cell of cells) {
    const code = unit === "grid-cells" ? cell.code : unit === "communities" ? cell.community_code : cell.street_code;
    const entry = units.get(code) ?? { tallies: emptyTallies(), street: cell.street_code };
    add(entry.tallies, cell.tallies);
    units.set(code, entry);
    add(total, cell.tallies);
  }
  return { units, total };
}

export interface CellRow {
  code: string;
  community_code: string;
  street_code: string;
  tallies: Tallies;
}

/**
 * Each grid cell's numerators and denominators over the window, from the register as it stood
 * at the window's end (its history, for a past window): the figures of a past month never move
 * with later changes, and a rebuilt month equals the frozen one.
 */
export async function coverageTallies(db: Db, params: CoverageParams): Promise<CellRow[]> {
  const to = params.to.toISOString();
  const rows = await query<Record<string, number | string>>(
    db,
    sql`with b as (
          select grid_cell_id as cid,
                 count(*)::int as buildings,
                 count(*) filter (where registration_status = 'registered')::int as registered,
                 coalesce(sum(units), 0)::int as units,
                 coalesce(sum(units) filter (where registration_status = 'registered'), 0)::int as registered_units,
                 count(*) filter (where responsibility_letter_signed)::int as letters,
                 -- inspected on a day that began inside the window's last inspection_days (never after it)
                 count(*) filter (where (last_inspected_on::timestamp at time zone 'Asia/Shanghai') < ${to}::timestamptz
                   and (last_inspected_on::timestamp at time zone 'Asia/Shanghai') >= ${to}::timestamptz - make_interval(days => ${params.inspection_days}::int))::int as inspected
          from ${registerAt(params.to)} r where registration_status <> 'deregistered' and grid_cell_id is not null group by 1),
        p as (
          select grid_cell_id as cid, count(*)::int as n from events
          where category = 'patrol_checkin' and occurred_at < ${to}::timestamptz
            and occurred_at >= ${to}::timestamptz - make_interval(days => ${params.patrol_days}::int)
          group by 1)
        select g.id, g.code, g.community_code, c.street_code,
               coalesce(b.buildings, 0) as buildings, coalesce(b.registered, 0) as registered,
               coalesce(b.units, 0) as units, coalesce(b.registered_units, 0) as registered_units,
               coalesce(b.letters, 0) as letters, coalesce(b.inspected, 0) as inspected,
               coalesce(p.n, 0) as patrols
        from grid_cells g join communities c on c.code = g.community_code
        left join b on b.cid = g.id left join p on p.cid = g.id
        ${params.street ? sql`where c.street_code = ${params.street}` : sql``}
        order by g.code`,
  );
  const stalls = await stallTallies(db, params);
  return rows.map((r) => {
    const n = (k: string) => Number(r[k] ?? 0);
    const s = stalls.get(Number(r.id)) ?? { total: 0, near: 0 };
    return {
      code: String(r.code),
      community_code: String(r.community_code),
      street_code: String(r.street_code),
      tallies: {
        registration: { num: n("registered"), den: n("buildings") },
        registration_units: { num: n("registered_units"), den: n("units") },
        responsibility_letters: { num: n("letters"), den: n("buildings") },
        inspection_recency: { num: n("inspected"), den: n("buildings") },
        patrol: { num: n("patrols") > 0 ? 1 : 0, den: 1 },
        guidance: { num: s.near, den: s.total },
      },
    };
  });
}

/**
 * Stall violations in [from, to) per grid cell, and how many were within `guidance_metres` of an
 * active guidance point with spare capacity. The distance test runs here (within-metres.ts: the
 * same WGS 84 geodesic as PostGIS geography) over the window's violations and the few hundred
 * points: a correlated PostGIS probe per violation was most of the coverage request at city scale.
 */
async function stallTallies(db: Db, params: CoverageParams): Promise<Map<number, { total: number; near: number }>> {
  const points = await query<{ x: number; y: number }>(
    db,
    sql`select ST_X(geom) as x, ST_Y(geom) as y from guidance_points where status = 'active' and occupied_stalls < capacity`,
  );
  const violations = await query<{ cid: number; x: number; y: number }>(
    db,
    sql`select e.grid_cell_id as cid, ST_X(e.geom) as x, ST_Y(e.geom) as y from events e
        where e.category = 'stall_violation' and e.grid_cell_id is not null
          and e.occurred_at >= ${params.from.toISOString()}::timestamptz and e.occurred_at < ${params.to.toISOString()}::timestamptz
          ${params.street ? sql`and ${cellIdInStreetSql(sql`e.grid_cell_id`, params.street)}` : sql``}`,
  );
  const near = withinMetresOf(points.map((p) => [Number(p.x), Number(p.y)] as const), params.guidance_metres);
  const byCell = new Map<number, { total: number; near: number }>();
  for (const v of violations) {
    const cell = Number(v.cid);
    const tally = byCell.get(cell) ?? { total: 0, near: 0 };
    tally.total++;
    if (near([Number(v.x), Number(v.y)])) tally.near++;
    byCell.set(cell, tally);
  }
  return byCell;
}

/**
 * Geometry coverage only changes when cells or streets do, and it is the costly part at city
 * scale: kept per street scope and layer state (lib/db/layer-state.ts).
 */
const geometryCache = new LayerCache<GeometryCoverage[]>(["grid-cells", "streets"]);

function cachedGeometryCoverage(db: Db, street: string | undefined): Promise<GeometryCoverage[]> {
  return geometryCache.get(db, street ?? "*", () => geometryCoverage(db, street));
}

/**
 * Area of each street not covered by any grid cell, and area covered twice. Computed from
 * pairwise intersections and area sums, never from ST_Union over all cells: some GEOS builds
 * (PGlite's) silently return nothing when a union fails, which would read as "no gaps".
 */
async function geometryCoverage(db: Db, street: string | undefined): Promise<GeometryCoverage[]> {
  const scope = street ? sql`where s.code = ${street}` : sql``;
  const rows = await query<{ street_code: string; street_m2: number; covered_m2: number; overlap_m2: number; pairs: string | null }>(
    db,
    // Self-joins on the bare table keep the GiST index (a CTE would make them O(n²)). A cell's
    // street is the first 9 digits of its code. Cells inside their street count whole; only
    // those crossing its edge need an overlay.
    sql`with overlapping as (
          select ${streetOfSql(sql`a.code`)} as street_code, a.code as a, b.code as b,
                 ST_Area(ST_Intersection(a.geom, b.geom, 1e-9)::geography) as m2
          from grid_cells a join grid_cells b on a.code < b.code and a.geom && b.geom and ST_Relate(a.geom, b.geom, '2********')),
        covered as (
          select s.code, sum(case when ST_CoveredBy(g.geom, s.geom) then ST_Area(g.geom::geography)
                                  else ST_Area(ST_Intersection(g.geom, s.geom, 1e-9)::geography) end) as m2
          from streets s join grid_cells g on ${sameStreetSql(sql`g.code`, sql`s.code`)} and g.geom && s.geom group by s.code)
        select s.code as street_code, ST_Area(s.geom::geography) as street_m2, coalesce(cv.m2, 0) as covered_m2,
               coalesce((select sum(m2) from overlapping o where o.street_code = s.code), 0) as overlap_m2,
               (select string_agg(a || ':' || b, ',') from (select a, b from overlapping o where o.street_code = s.code limit 50) x) as pairs
        from streets s left join covered cv on cv.code = s.code ${scope} order by s.code`,
  );
  const result: GeometryCoverage[] = [];
  for (const r of rows) {
    const overlap = Number(r.overlap_m2);
    // Covered area counts overlaps twice; add them back once. Sub-square-metre noise is rounding.
    const uncovered = Number(r.street_m2) - Number(r.covered_m2) + overlap;
    result.push({
      street_code: r.street_code,
      uncovered_m2: uncovered > 1 ? round(uncovered, 1) : 0,
      overlap_m2: overlap > 1 ? round(overlap, 1) : 0,
      overlapping_pairs: (r.pairs ? r.pairs.split(",") : []).map((p) => p.split(":") as [string, string]),
      gap: uncovered > 1 ? await gapShape(db, r.street_code) : null,
    });
  }
  return result;
}

/**
 * The shape of a street's uncovered area, only computed when the area sums say there is one.
 * A union can fail silently on PGlite; then the shape is null but the area is still reported.
 */
async function gapShape(db: Db, street: string): Promise<MultiPolygon | null> {
  const [row] = await query<{ gap: MultiPolygon | string | null }>(
    db,
    sql`select ST_AsGeoJSON(ST_Multi(ST_CollectionExtract(ST_Difference(s.geom, coalesce(
               (select ST_Union(g.geom) from grid_cells g where ${sameStreetSql(sql`g.code`, sql`s.code`)}), 'GEOMETRYCOLLECTION EMPTY'::geometry), 1e-9), 3)), 7)::json as gap
        from streets s where s.code = ${street}`,
  );
  if (!row?.gap) return null;
  return jsonColumn(row.gap as MultiPolygon | string);
}




/** The calendar month (China time) a window covers exactly, if it does. */
function calendarMonthOf(from: Date, to: Date): string | undefined {
  const month = chinaMonth(from);
  const { start, end } = monthBounds(month);
  return start.getTime() === from.getTime() && end.getTime() === to.getTime() ? month : undefined;
}

/** The parameters monthly figures are frozen with: the Coverage view's defaults. */
export const FROZEN_PARAMETERS = { patrol_days: 30, inspection_days: 30, guidance_metres: 500 } as const;
const FROZEN_KEYS = Object.keys(FROZEN_PARAMETERS) as (keyof typeof FROZEN_PARAMETERS)[];

/** A calendar month's window: from its first day to the next month's, China time. */
export function monthWindow(month: string): { from: Date; to: Date } {
  const { start, end } = monthBounds(month);
  // The current month runs up to now; a future month has nothing to show.
  const now = new Date();
  if (start.getTime() > now.getTime()) throw new BadRequestError("").as("month.not_begun", { month });
  return { from: start, to: end.getTime() > now.getTime() ? now : end };
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
