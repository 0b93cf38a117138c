export type Xy = [number, number];

/**
 * The snap target nearest to `pointer` within `tolerance` pixels (screen coordinates): a vertex,
 * or the closest point of a line segment. Vertices win ties, so a corner is easy to hit.
 */
export function nearestSnap(
  pointer: Xy,
  vertices: readonly Xy[],
  segments: readonly [Xy, Xy][],
  tolerance: number,
): { at: Xy; vertex?: number } | undefined {
  let best: { at: Xy; vertex?: number } | undefined;
  let bestDistance = tolerance;
  vertices.forEach((v, i) => {
    const d = Math.hypot(v[0] - pointer[0], v[1] - pointer[1]);
    if (d <= bestDistance) [best, bestDistance] = [{ at: v, vertex: i }, d];
  });
  for (const [a, b] of segments) {
    const dx = b[0] - a[0];
    const dy = b[1] - a[1];
    const lengthSquared = dx * dx + dy * dy;
    const t = lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, ((pointer[0] - a[0]) * dx + (pointer[1] - a[1]) * dy) / lengthSquared));
    const p: Xy = [a[0] + t * dx, a[1] + t * dy];
    const d = Math.hypot(p[0] - pointer[0], p[1] - pointer[1]);
    if (d < bestDistance) [best, bestDistance] = [{ at: p }, d];
  }
  return best;
}
