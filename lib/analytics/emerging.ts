import { mannKendall } from "./mann-kendall";

export const EMERGING_CATEGORIES = [
  "new_hot", "consecutive_hot", "intensifying_hot", "persistent_hot", "diminishing_hot",
  "sporadic_hot", "oscillating_hot", "historical_hot",
  "new_cold", "consecutive_cold", "intensifying_cold", "persistent_cold", "diminishing_cold",
  "sporadic_cold", "oscillating_cold", "historical_cold",
  "no_pattern",
] as const;
export type EmergingCategory = (typeof EMERGING_CATEGORIES)[number];

export interface EmergingOptions {
  /** Mann–Kendall significance for intensifying / diminishing (default 0.05). */
  trendAlpha: number;
  /** Share of time steps that makes a place "mostly" hot or cold (ArcGIS: 90 %). */
  mostlyShare: number;
}

export interface EmergingResult {
  category: EmergingCategory;
  hotSteps: number;
  coldSteps: number;
  trendZ: number;
  trendP: number;
}

/**
 * Classify one place's Gi* history as ArcGIS's Emerging Hot Spot Analysis does.
 * `bins` are the place's Gi_Bin per time step, oldest first (±1..3 = significant hot/cold);
 * `z` are its Gi* z-scores, whose Mann–Kendall trend decides intensifying vs diminishing.
 * Rules, for hot (cold mirrors them; the final step decides which side applies):
 * - final step hot and ≥ 90 % of steps hot: intensifying (significant upward trend),
 *   diminishing (significant downward trend), else persistent;
 * - final step hot, < 90 % hot: new (the only hot step), consecutive (an unbroken run of ≥ 2 hot
 *   steps at the end and none before), oscillating (was ever cold), else sporadic;
 * - final step not hot but ≥ 90 % of steps hot: historical;
 * - otherwise no pattern.
 */
export function classifyEmerging(bins: readonly number[], z: readonly number[], options: EmergingOptions): EmergingResult {
  const steps = bins.length;
  const hot = bins.map((b) => b > 0);
  const cold = bins.map((b) => b < 0);
  const hotSteps = hot.filter(Boolean).length;
  const coldSteps = cold.filter(Boolean).length;
  const trend = mannKendall(z);
  const base = { hotSteps, coldSteps, trendZ: trend.z, trendP: trend.p };
  if (steps === 0) return { category: "no_pattern", ...base };

  const side = (is: boolean[], other: boolean[], suffix: "hot" | "cold"): EmergingCategory | null => {
    const count = is.filter(Boolean).length;
    const mostly = count >= options.mostlyShare * steps;
    const trendUp = trend.p <= options.trendAlpha && (suffix === "hot" ? trend.z > 0 : trend.z < 0);
    const trendDown = trend.p <= options.trendAlpha && (suffix === "hot" ? trend.z < 0 : trend.z > 0);
    if (is[steps - 1]) {
      if (mostly) return trendUp ? `intensifying_${suffix}` : trendDown ? `diminishing_${suffix}` : `persistent_${suffix}`;
      if (count === 1) return `new_${suffix}`;
      let run = 0;
      while (run < steps && is[steps - 1 - run]) run++;
      if (run >= 2 && run === count) return `consecutive_${suffix}`;
      if (other.some(Boolean)) return `oscillating_${suffix}`;
      return `sporadic_${suffix}`;
    }
    return mostly ? `historical_${suffix}` : null;
  };
  const category = hot[steps - 1]
    ? side(hot, cold, "hot")
    : cold[steps - 1]
      ? side(cold, hot, "cold")
      : (side(hot, cold, "hot") ?? side(cold, hot, "cold"));
  return { category: category ?? "no_pattern", ...base };
}
