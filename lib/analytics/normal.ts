import erfc from "@stdlib/math-base-special-erfc";

/**
 * Two-sided p-value of a standard normal z: P(|Z| ≥ |z|) = erfc(|z| / √2).
 * stdlib's erfc is accurate to double precision across the range, including the far tails,
 * so p-values near FDR thresholds are exact to ~1e-16 rather than a textbook 1e-7.
 */
export function twoSidedP(z: number): number {
  if (!Number.isFinite(z)) return Number.isNaN(z) ? 1 : 0;
  return erfc(Math.abs(z) / Math.SQRT2);
}

/** Standard normal CDF Φ(z). */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}
