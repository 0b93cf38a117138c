import { areaCodeParam } from "@/lib/auth/code-params";
import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { scopeAnalysis } from "@/lib/analytics/analysis-scope";
import { add, emptyTallies, metricsOf, type MetricValue, type Tallies } from "@/lib/analytics/tallies";
import { codeInStreetSql } from "@/lib/auth/in-street";
import { districtOfCode } from "@/lib/auth/street-code";
import type { CoverageMetric } from "@/lib/analytics/targets";
import { jsonColumn, query } from "@/lib/db/query";
import type { Db } from "@/lib/db/types";
import type { TargetInForce } from "@/lib/targets/coverage-targets";
import { addMonths, chinaMonth, MONTH_PATTERN } from "@/lib/time/china-date";
import { getMonthlyReport } from "./monthly-report";
import { frozenTargetsOf } from "./read-frozen-month";

export const MonthlyTrendParams = z
  .object({
    street: areaCodeParam.optional(),
    months: z.coerce.number().int().min(2).max(36).default(12),
    /** The last month shown (default: this month, live); an ended month ends the trend at its frozen figures. */
    until: z.string().regex(MONTH_PATTERN, "until: use YYYY-MM").optional(),
  })
  .strict();
export type MonthlyTrendParams = z.output<typeof MonthlyTrendParams>;

export interface TrendPoint {
  month: string;
  /** false for the current month, computed live. */
  frozen: boolean;
  metrics: Record<CoverageMetric, MetricValue>;
}

/** The district's (or a street's) figures for the last `months` months: frozen ones, then this month live. */
export async function getMonthlyTrend(db: Db, actor: Actor, input: MonthlyTrendParams, now = new Date()): Promise<TrendPoint[]> {
  const { street } = scopeAnalysis(actor, input);
  const current = chinaMonth(now);
  const last = input.until && input.until < current ? input.until : current;
  const first = addMonths(last, -(input.months - 1));
  // The whole system's months read the set they were frozen with (see frozenTargetsOf).
  const district = street ? districtOfCode(street) : null;
  const rows = await query<{ month: string; tallies: unknown; targets: unknown; district_targets: unknown }>(
    db,
    sql`select to_char(f.month, 'YYYY-MM') as month, f.tallies, z.targets, z.district_targets from monthly_figures f join monthly_freezes z on z.month = f.month
        where f.month >= ${`${first}-01`}::date and f.month <= ${`${last}-01`}::date and f.month < ${`${current}-01`}::date
          and ${street ? sql`f.unit = 'streets' and ${codeInStreetSql(sql`f.code`, street)}` : sql`f.unit = 'district'`}
        order by f.month`,
  );
  // One row a month for the system or a street; a district's month is the sum of its streets'.
  const months = new Map<string, { tallies: Tallies; targets: Record<CoverageMetric, TargetInForce> }>();
  for (const r of rows) {
    const month = months.get(r.month) ?? months.set(r.month, { tallies: emptyTallies(), targets: frozenTargetsOf(r, district) }).get(r.month)!;
    add(month.tallies, jsonColumn(r.tallies) as Tallies);
  }
  const points: TrendPoint[] = [...months].map(([month, m]) => ({
    month,
    frozen: true,
    metrics: metricsOf(m.tallies, m.targets),
  }));
  if (last < current) return points;
  const live = await getMonthlyReport(db, actor, { month: current, unit: "streets", street }, now);
  points.push({
    month: current,
    frozen: false,
    metrics: Object.fromEntries(Object.entries(live.total.metrics).map(([m, v]) => [m, { rate: v.rate, target: v.target, gap: v.gap, numerator: v.numerator, denominator: v.denominator }])) as Record<CoverageMetric, MetricValue>,
  });
  return points;
}
