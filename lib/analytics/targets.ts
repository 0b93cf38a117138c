/**
 * The district's coverage targets. Registration and responsibility letters come from the 2013
 * implementation rules (≥ 95 %, 100 %); records are to be checked monthly, every cell patrolled;
 * the guidance target is a planning choice, not a rule. Change them here, in one place.
 */
export const COVERAGE_TARGETS = {
  registration: 0.95,
  registration_units: 0.95,
  responsibility_letters: 1,
  inspection_recency: 0.9,
  patrol: 1,
  guidance: 0.8,
} as const;

export type CoverageMetric = keyof typeof COVERAGE_TARGETS;
export const COVERAGE_METRICS = Object.keys(COVERAGE_TARGETS) as CoverageMetric[];
