import type { Feature, Polygon, Position } from "geojson";

export interface SquareCell {
  cell: string;
  col: number;
  row: number;
  count: number;
}

/**
 * Count points per square cell of about `cellMetres` (an equirectangular grid over the points'
 * bounding box, zeros included: Gi* needs the empty cells too). Every cell's corners come from
 * one list of column edges and one of row edges, so neighbouring cells share exactly the same
 * edge coordinates, bit for bit — no seams for contiguity to trip over.
 */
export function squareGrid(points: readonly Position[], cellMetres: number): Feature<Polygon, SquareCell>[] {
  return squareGridWithMembership(points, cellMetres).features;
}

/** squareGrid, plus the index of the cell (in `features`) that holds each point. */
export function squareGridWithMembership(points: readonly Position[], cellMetres: number): { features: Feature<Polygon, SquareCell>[]; cellOf: number[] } {
  if (!(cellMetres > 0)) throw new Error("cell size must be a positive number of metres");
  if (points.length === 0) throw new Error("no points to grid");
  let [west, south, east, north] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of points) {
    west = Math.min(west, x!);
    south = Math.min(south, y!);
    east = Math.max(east, x!);
    north = Math.max(north, y!);
  }
  const dLat = cellMetres / 110_574;
  const dLon = cellMetres / (111_320 * Math.cos((((south + north) / 2) * Math.PI) / 180));
  const cols = Math.floor((east - west) / dLon) + 1;
  const rows = Math.floor((north - south) / dLat) + 1;
  if (cols * rows > MAX_CELLS) {
    throw new Error(
      `the points span ${west.toFixed(5)},${south.toFixed(5)} to ${east.toFixed(5)},${north.toFixed(5)}: ${cols} × ${rows} cells of ${cellMetres} m is more than ${MAX_CELLS.toLocaleString("en")}; ` +
        `look for points far from the others (a position of 0,0 or swapped lon/lat), or choose larger cells`,
    );
  }
  const xs = Array.from({ length: cols + 1 }, (_, c) => west + c * dLon);
  const ys = Array.from({ length: rows + 1 }, (_, r) => south + r * dLat);
  const counts = new Map<number, number>();
  const cellOf: number[] = [];
  for (const [x, y] of points) {
    // The edge lists decide which cell a point is in, so a point on an edge goes to the same
    // cell as the polygons drawn from those edges say.
    const col = Math.min(cols - 1, locate(xs, x!));
    const row = Math.min(rows - 1, locate(ys, y!));
    const key = row * cols + col;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    cellOf.push(key); // features are laid out row by row, so the key is the feature's index
  }
  const features: Feature<Polygon, SquareCell>[] = [];
  for (let row = 0; row < rows; row++) {
    for (let col = 0; col < cols; col++) {
      const [x0, x1, y0, y1] = [xs[col]!, xs[col + 1]!, ys[row]!, ys[row + 1]!];
      features.push({
        type: "Feature",
        properties: { cell: `${col}:${row}`, col, row, count: counts.get(row * cols + col) ?? 0 },
        geometry: { type: "Polygon", coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] },
      });
    }
  }
  return { features, cellOf };
}

/** More cells than this is a mistake in the input (a stray far-off point), not a grid to build. */
const MAX_CELLS = 2_000_000;

/** Index of the interval [edges[k], edges[k+1]) holding v (binary search). */
function locate(edges: readonly number[], v: number): number {
  let lo = 0;
  let hi = edges.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (edges[mid]! <= v) lo = mid;
    else hi = mid;
  }
  return lo;
}
