/**
 * Benjamini–Hochberg adjusted p-values (the "q-values" R's p.adjust(method = "BH") returns):
 * q_(i) = min_{k ≥ i} ( m · p_(k) / k ), capped at 1. Rejecting all tests with q ≤ α controls
 * the false discovery rate at α.
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, i) => [p, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const adjusted = new Array<number>(m);
  let running = 1;
  for (let rank = m; rank >= 1; rank--) {
    const [p, index] = order[rank - 1] as readonly [number, number];
    running = Math.min(running, (m * p) / rank);
    adjusted[index] = running;
  }
  return adjusted;
}
