import type { TargetInForce } from "@/lib/targets/coverage-targets";
import { COVERAGE_METRICS, type CoverageMetric } from "./targets";

/** Numerator and denominator of one metric; rates are ratios of sums when rolled up. */
export interface Tally {
  num: number;
  den: number;
}
export type Tallies = Record<CoverageMetric, Tally>;

export interface MetricValue {
  rate: number | null; // null where there is nothing to measure (e.g. a cell with no rentals)
  target: number;
  gap: number | null; // target − rate; positive means below target
  numerator: number;
  denominator: number;
}

/** Zero for every metric. */
export function emptyTallies(): Tallies {
  return Object.fromEntries(COVERAGE_METRICS.map((m) => [m, { num: 0, den: 0 }])) as Tallies;
}

/** Add one unit's tallies into another's (roll-ups are sums, rates ratios of sums). */
export function add(into: Tallies, from: Tallies): void {
  for (const m of COVERAGE_METRICS) {
    into[m].num += from[m].num;
    into[m].den += from[m].den;
  }
}

/** Rates, targets and gaps from tallies. */
export function metricsOf(t: Tallies, targets: Record<CoverageMetric, TargetInForce>): Record<CoverageMetric, MetricValue> {
  return Object.fromEntries(
    COVERAGE_METRICS.map((m) => {
      const rate = t[m].den > 0 ? t[m].num / t[m].den : null;
      const target = targets[m].value;
      return [m, { rate, target, gap: rate === null ? null : round(target - rate, 12), numerator: t[m].num, denominator: t[m].den }];
    }),
  ) as Record<CoverageMetric, MetricValue>;
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
