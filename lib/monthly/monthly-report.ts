import { areaCodeParam } from "@/lib/auth/code-params";
import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { scopeAnalysis } from "@/lib/analytics/analysis-scope";
import { CoverageParams, monthWindow } from "@/lib/analytics/coverage-params";
import { coverageTallies, rollUp } from "@/lib/analytics/coverage-tallies";
import { metricsOf, type MetricValue, type Tallies } from "@/lib/analytics/tallies";
import { COVERAGE_METRICS, type CoverageMetric } from "@/lib/analytics/targets";
import { query } from "@/lib/db/query";
import type { Db } from "@/lib/db/types";
import { NotFoundError } from "@/lib/http/errors";
import { areaTargetsInForce, targetsOfUnit, type AreaTargets, type Targets } from "@/lib/targets/coverage-targets";
import { addMonths, chinaMonth, lastDateBefore, MONTH_PATTERN } from "@/lib/time/china-date";
import { FROZEN_PARAMETERS } from "./freeze-month";
import { readFrozenMonth, type FrozenMonth, type FrozenUnit } from "./read-frozen-month";

export const MonthlyReportParams = z
  .object({
    month: z.string().regex(MONTH_PATTERN, "month: use YYYY-MM, e.g. 2026-10"),
    unit: z.enum(["streets", "communities", "grid-cells"], { error: "unit is streets, communities or grid-cells" }).default("streets"),
    street: areaCodeParam.optional(),
  })
  .strict();
export type MonthlyReportParams = z.output<typeof MonthlyReportParams>;

export interface ReportMetric extends MetricValue {
  /** The same unit's rate the month before (null when unknown), and the change in rate. */
  previous_rate: number | null;
  change: number | null;
}

export interface MonthlyReport {
  month: string;
  unit: FrozenUnit;
  street: string | null;
  /** When the figures were frozen; null for the current month, which is live. */
  frozen_at: string | null;
  parameters: typeof FROZEN_PARAMETERS;
  /** The area's targets; in the whole city, each district's own set its units are judged by. */
  targets: Targets;
  targets_by_district: Record<string, Targets>;
  total: { code: string; metrics: Record<CoverageMetric, ReportMetric> };
  units: { code: string; name_zh: string; name_en: string; street_code: string; metrics: Record<CoverageMetric, ReportMetric> }[];
}

/**
 * A month's coverage figures per unit against the targets then in force, with the change from
 * the month before. An ended month is read from its frozen figures only (the same request gives
 * the same body for good); the current month is computed live. Street offices get their street.
 */
export async function getMonthlyReport(db: Db, actor: Actor, input: MonthlyReportParams, now = new Date()): Promise<MonthlyReport> {
  const { street } = scopeAnalysis(actor, input);
  const month = await monthFigures(db, input.month, input.unit, street, now);
  const previous = await monthFigures(db, addMonths(input.month, -1), input.unit, street, now).catch((e) => (e instanceof NotFoundError ? null : Promise.reject(e)));
  const names = await unitNames(db, input.unit, [...month.units.keys()]);
  // Each unit against its own district's targets (the total against the area's); null: the total.
  const withChange = (code: string | null, tallies: Tallies, before: Tallies | undefined): Record<CoverageMetric, ReportMetric> => {
    const judged = (targets: AreaTargets) => (code === null ? targets.whole : targetsOfUnit(targets, code));
    const current = metricsOf(tallies, judged(month.targets));
    const prior = before && previous ? metricsOf(before, judged(previous.targets)) : null;
    return Object.fromEntries(
      COVERAGE_METRICS.map((m) => {
        const previousRate = prior?.[m].rate ?? null;
        const rate = current[m].rate;
        return [m, { ...current[m], previous_rate: previousRate, change: rate !== null && previousRate !== null ? round(rate - previousRate) : null }];
      }),
    ) as Record<CoverageMetric, ReportMetric>;
  };
  return {
    month: input.month,
    unit: input.unit,
    street: street ?? null,
    frozen_at: month.frozenAt || null,
    parameters: FROZEN_PARAMETERS,
    targets: month.targets.whole,
    targets_by_district: month.targets.byDistrict,
    total: { code: street ?? "district", metrics: withChange(null, month.district, previous?.district) },
    units: [...month.units].map(([code, entry]) => ({
      code,
      name_zh: names.get(code)?.zh ?? code,
      name_en: names.get(code)?.en ?? code,
      street_code: entry.street,
      metrics: withChange(code, entry.tallies, previous?.units.get(code)?.tallies),
    })),
  };
}

/** A strong validator of a report body: the same figures give the same ETag. */
export const reportEtag = (report: MonthlyReport) => `"${createHash("sha256").update(JSON.stringify(report)).digest("base64url").slice(0, 27)}"`;

/** An ended month from its frozen figures; the current month live (frozenAt ""). */
async function monthFigures(db: Db, month: string, unit: FrozenUnit, street: string | undefined, now: Date): Promise<FrozenMonth> {
  const current = chinaMonth(now);
  if (month > current) throw new NotFoundError().as("month.not_begun", { month });
  if (month < current) {
    const frozen = await readFrozenMonth(db, month, unit, street);
    if (!frozen) throw new NotFoundError().as("month.not_frozen", { month });
    return frozen;
  }
  const window = monthWindow(month);
  // The area is set after parsing: it may be a district (6 digits), which a request may not name.
  const params = { ...CoverageParams.parse({ from: window.from.toISOString(), to: window.to.toISOString(), ...FROZEN_PARAMETERS }), street };
  const { units, total } = rollUp(await coverageTallies(db, params), unit);
  return { month, frozenAt: "", targets: await areaTargetsInForce(db, lastDateBefore(window.to), street, units.keys()), units, district: total };
}

async function unitNames(db: Db, unit: FrozenUnit, codes: string[]): Promise<Map<string, { zh: string; en: string }>> {
  if (codes.length === 0) return new Map();
  const rows = await query<{ code: string; zh: string; en: string }>(
    db,
    unit === "streets"
      ? sql`select code, name_zh as zh, name_en as en from streets`
      : unit === "communities"
        ? sql`select code, name_zh as zh, name_en as en from communities`
        : sql`select g.code, c.name_zh || ' ' || right(g.code, 3) as zh, c.name_en || ' ' || right(g.code, 3) as en
              from grid_cells g join communities c on c.code = g.community_code`,
  );
  return new Map(rows.map((r) => [r.code, { zh: r.zh, en: r.en }]));
}

const round = (x: number) => Math.round(x * 1e12) / 1e12;
