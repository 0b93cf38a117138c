import { twoSidedP } from "./normal";

export interface MannKendallResult {
  /** S = Σ_{k<j} sign(x_j − x_k). */
  s: number;
  variance: number;
  z: number;
  p: number;
}

/**
 * Mann–Kendall trend test with the tie correction and the ±1 continuity correction:
 *   Var(S) = [ n(n−1)(2n+5) − Σ_t t(t−1)(2t+5) ] / 18   (t = size of each group of tied values)
 *   z = (S − 1)/√Var if S > 0, (S + 1)/√Var if S < 0, 0 if S = 0;  p two-sided.
 * O(n²), which is fine for the ≤ a few hundred time steps of a space-time analysis.
 */
export function mannKendall(series: readonly number[]): MannKendallResult {
  const n = series.length;
  let s = 0;
  for (let k = 0; k < n - 1; k++) {
    for (let j = k + 1; j < n; j++) s += Math.sign((series[j] as number) - (series[k] as number));
  }
  const ties = new Map<number, number>();
  for (const x of series) ties.set(x, (ties.get(x) ?? 0) + 1);
  let tieTerm = 0;
  for (const t of ties.values()) tieTerm += t * (t - 1) * (2 * t + 5);
  const variance = (n * (n - 1) * (2 * n + 5) - tieTerm) / 18;
  if (!(variance > 0)) return { s, variance: 0, z: 0, p: 1 };
  const z = s > 0 ? (s - 1) / Math.sqrt(variance) : s < 0 ? (s + 1) / Math.sqrt(variance) : 0;
  return { s, variance, z, p: twoSidedP(z) };
}
