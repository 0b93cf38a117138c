import type { Neighbours } from "./getis-ord";

export type Metric = "planar" | "geographic";
type XY = readonly [number, number];

const EARTH_RADIUS_M = 6_371_008.8;

/** Distance between two points: Euclidean for planar data, great-circle metres for lon/lat. */
export function distance(a: XY, b: XY, metric: Metric): number {
  if (metric === "planar") return Math.hypot(a[0] - b[0], a[1] - b[1]);
  const toRad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * toRad;
  const dLon = (b[0] - a[0]) * toRad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * toRad) * Math.cos(b[1] * toRad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * A uniform grid over the points, with cells about `cellSize` wide in the metric's units, so
 * neighbour searches look at nearby buckets instead of all n² pairs.
 */
class PointGrid {
  private readonly buckets = new Map<string, number[]>();
  private readonly sx: number;
  private readonly sy: number;

  constructor(private readonly points: readonly XY[], cellSize: number, metric: Metric) {
    const meanLat = points.reduce((s, p) => s + p[1], 0) / Math.max(1, points.length);
    // Degrees per cell for geographic data (slightly generous so no neighbour is missed).
    this.sy = metric === "planar" ? cellSize : (cellSize / 111_000) * 1.01;
    this.sx = metric === "planar" ? cellSize : this.sy / Math.max(0.05, Math.cos((meanLat * Math.PI) / 180));
    points.forEach((p, i) => {
      const key = this.key(Math.floor(p[0] / this.sx), Math.floor(p[1] / this.sy));
      const bucket = this.buckets.get(key);
      if (bucket) bucket.push(i);
      else this.buckets.set(key, [i]);
    });
  }

  private key(cx: number, cy: number): string {
    return `${cx}:${cy}`;
  }

  /** Indices of points in the buckets within `rings` buckets of point i's bucket. */
  around(i: number, rings: number): number[] {
    const p = this.points[i] as XY;
    const cx = Math.floor(p[0] / this.sx);
    const cy = Math.floor(p[1] / this.sy);
    const out: number[] = [];
    for (let dx = -rings; dx <= rings; dx++) {
      for (let dy = -rings; dy <= rings; dy++) {
        const bucket = this.buckets.get(this.key(cx + dx, cy + dy));
        if (bucket) out.push(...bucket);
      }
    }
    return out;
  }
}

/** Binary distance-band weights: j is i's neighbour iff 0 < d(i, j) ≤ threshold (as libpysal). */
export function distanceBandNeighbours(points: readonly XY[], threshold: number, metric: Metric): number[][] {
  if (!(threshold > 0)) throw new Error("distance band must be a positive number");
  const grid = new PointGrid(points, threshold, metric);
  return points.map((p, i) =>
    grid
      .around(i, 1)
      .filter((j) => j !== i && distance(p, points[j] as XY, metric) <= threshold * (1 + 1e-12))
      .sort((a, b) => a - b),
  );
}

/**
 * The smallest distance band that gives every unit at least one neighbour: the largest
 * nearest-neighbour distance (ArcGIS's and esda's default for fixed-distance hot spots).
 */
export function minimumDistanceBand(points: readonly XY[], metric: Metric): number {
  if (points.length < 2) throw new Error("need at least two units for a distance band");
  let largest = 0;
  // Start from a guess at the typical spacing and widen the search until every unit has a neighbour.
  let cell = typicalSpacing(points, metric);
  let grid = new PointGrid(points, cell, metric);
  for (let i = 0; i < points.length; i++) {
    let nearest = Infinity;
    for (let rings = 1; nearest === Infinity; rings *= 2) {
      for (const j of grid.around(i, rings)) {
        if (j !== i) nearest = Math.min(nearest, distance(points[i] as XY, points[j] as XY, metric));
      }
      if (rings > 1 << 12) {
        cell *= 8;
        grid = new PointGrid(points, cell, metric);
        rings = 1;
      }
    }
    // A neighbour found in the searched square may not be the nearest beyond it: recheck in a
    // square that surely covers the circle of radius `nearest`.
    const rings = Math.ceil(nearest / cell) + 1;
    for (const j of grid.around(i, rings)) {
      if (j !== i) nearest = Math.min(nearest, distance(points[i] as XY, points[j] as XY, metric));
    }
    largest = Math.max(largest, nearest);
  }
  return largest;
}

function typicalSpacing(points: readonly XY[], metric: Metric): number {
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of points) {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  const width = distance([minX, minY], [maxX, minY], metric);
  const height = distance([minX, minY], [minX, maxY], metric);
  const area = Math.max(width * height, width * width * 1e-6, height * height * 1e-6, 1e-9);
  return Math.max(Math.sqrt(area / points.length), 1e-9);
}

/** Neighbour lists from unordered pairs (i, j), e.g. a spatial self-join in PostGIS. */
export function neighboursFromPairs(n: number, pairs: Iterable<readonly [number, number]>): Neighbours {
  const lists: number[][] = Array.from({ length: n }, () => []);
  for (const [i, j] of pairs) {
    if (i === j) continue;
    (lists[i] as number[]).push(j);
    (lists[j] as number[]).push(i);
  }
  return lists.map((list) => [...new Set(list)].sort((a, b) => a - b));
}
