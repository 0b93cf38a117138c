/**
 * Benjamini–Hochberg adjusted p-values (the "q-values" R's p.adjust(method = "BH") returns):
 * q_(i) = min_{k ≥ i} ( m · p_(k) / k ), capped at 1. Rejecting all tests with q ≤ α controls
 * the false discovery rate at α.
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const m = pValues.length;
  // Indices ordered by p (ties by index), sorted as a typed array: no tuple per test, which
  // matters when an emerging hot spot run adjusts 52 steps of 10,000 units.
  const order = new Uint32Array(m);
  for (let i = 0; i < m; i++) order[i] = i;
  order.sort((a, b) => (pValues[a] as number) - (pValues[b] as number) || a - b);
  const adjusted = new Array<number>(m);
  let running = 1;
  for (let rank = m; rank >= 1; rank--) {
    const index = order[rank - 1] as number;
    running = Math.min(running, (m * (pValues[index] as number)) / rank);
    adjusted[index] = running;
  }
  return adjusted;
}
