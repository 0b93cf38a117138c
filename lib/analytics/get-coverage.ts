import type { Feature, FeatureCollection, MultiPolygon, Polygon } from "geojson";
import type { Actor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/types";
import { BadRequestError } from "@/lib/http/errors";
import { readFrozenMonth } from "@/lib/monthly/read-frozen-month";
import { areaTargetsInForce, targetsOfUnit, type Targets } from "@/lib/targets/coverage-targets";
import { chinaMonth, lastDateBefore, monthBounds } from "@/lib/time/china-date";
import { scopeAnalysis } from "./analysis-scope";
import { CoverageParams, FROZEN_KEYS, FROZEN_PARAMETERS, monthWindow } from "./coverage-params";
import { coverageTallies, rollUp } from "./coverage-tallies";
import { cachedGeometryCoverage, type GeometryCoverage } from "./geometry-coverage";
import { emptyTallies, metricsOf, type MetricValue } from "./tallies";
import { COVERAGE_METRICS, type CoverageMetric } from "./targets";
import { loadUnits } from "./units";

export { CoverageParams };

export interface CoverageProperties {
  code: string;
  name_zh: string;
  name_en: string;
  street_code: string;
  metrics: Record<CoverageMetric, MetricValue>;
  below_target: CoverageMetric[];
}

export type CoverageCollection = FeatureCollection<Polygon | MultiPolygon, CoverageProperties> & {
  summary: {
    unit: string;
    as_of: string;
    from: string;
    to: string;
    street: string | null;
    parameters: { patrol_days: number; inspection_days: number; guidance_metres: number };
    /** Each metric's target in force on the period's last day, with its source (the area's). */
    targets: Targets;
    /** In the whole city: each district's own targets, which the units inside it are judged by. */
    targets_by_district: Record<string, Targets>;
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
  // Each unit against its own district's targets; the area's total against the area's.
  const targets = frozen ? frozen.targets : await areaTargetsInForce(db, lastDateBefore(params.to), params.street, units.units.map((u) => u.code));

  const { units: byUnit, total: district } = frozen
    ? { units: frozen.units, total: frozen.district }
    : rollUp(await coverageTallies(db, params), params.unit);

  const below = Object.fromEntries(COVERAGE_METRICS.map((m) => [m, 0])) as Record<CoverageMetric, number>;
  const features: Feature<Polygon | MultiPolygon, CoverageProperties>[] = units.units.map((u) => {
    const entry = byUnit.get(u.code) ?? { tallies: emptyTallies(), street: "" };
    const metrics = metricsOf(entry.tallies, targetsOfUnit(targets, u.code));
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
      targets: targets.whole,
      targets_by_district: targets.byDistrict,
      district: metricsOf(district, targets.whole),
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

/** The calendar month (China time) a window covers exactly, if it does. */
function calendarMonthOf(from: Date, to: Date): string | undefined {
  const month = chinaMonth(from);
  const { start, end } = monthBounds(month);
  return start.getTime() === from.getTime() && end.getTime() === to.getTime() ? month : undefined;
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
