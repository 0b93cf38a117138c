/**
 * The coverage metrics, and the value each falls back to while a district has recorded no target
 * for it. Targets are the district's settings, with their source and history (lib/targets,
 * table coverage_targets); a fallback is reported as such, never as the district's own.
 */
export const DEFAULT_TARGETS = {
  registration: 0.95,
  registration_units: 0.95,
  responsibility_letters: 1,
  inspection_recency: 0.9,
  patrol: 1,
  guidance: 0.8,
} as const;

export type CoverageMetric = keyof typeof DEFAULT_TARGETS;
export const COVERAGE_METRICS = Object.keys(DEFAULT_TARGETS) as CoverageMetric[];
