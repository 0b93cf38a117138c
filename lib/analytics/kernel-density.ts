/**
 * Kernel density surface with the quartic (biweight) kernel, as ArcGIS's Kernel Density:
 *   K(d) = 3 / (π h²) · (1 − d²/h²)²  for d < h, 0 otherwise,
 * so each event contributes a total of 1 spread over a disc of radius h (the bandwidth, metres).
 * The result is events per km² on a regular grid of `cellMetres` squares, independent of the
 * map's zoom level (unlike a client-side heatmap, whose radius is in pixels).
 */
export interface WeightedPoint {
  lon: number;
  lat: number;
  weight: number;
}

export interface DensityGrid {
  /** South-west corner of the grid and the size of a cell, in degrees. */
  west: number;
  south: number;
  dLon: number;
  dLat: number;
  columns: number;
  rows: number;
  /** Row-major from the south-west, events per km² at each cell centre. */
  values: Float64Array;
}

const M_PER_DEG_LAT = 110_574;

export function quarticDensity(
  points: readonly WeightedPoint[],
  bounds: [number, number, number, number],
  bandwidthMetres: number,
  cellMetres: number,
): DensityGrid {
  const [west, south, east, north] = bounds;
  const midLat = (south + north) / 2;
  const mPerDegLon = 111_320 * Math.cos((midLat * Math.PI) / 180);
  const dLon = cellMetres / mPerDegLon;
  const dLat = cellMetres / M_PER_DEG_LAT;
  const columns = Math.max(1, Math.ceil((east - west) / dLon));
  const rows = Math.max(1, Math.ceil((north - south) / dLat));
  const values = new Float64Array(columns * rows);
  const h2 = bandwidthMetres * bandwidthMetres;
  const scale = (3 / (Math.PI * h2)) * 1e6; // per m² → per km²
  const reach = Math.ceil(bandwidthMetres / cellMetres);
  for (const p of points) {
    // Position in metres from the grid origin, and the cell the point falls in.
    const px = (p.lon - west) * mPerDegLon;
    const py = (p.lat - south) * M_PER_DEG_LAT;
    const col = Math.floor(px / cellMetres);
    const row = Math.floor(py / cellMetres);
    for (let r = Math.max(0, row - reach); r <= Math.min(rows - 1, row + reach); r++) {
      const cy = (r + 0.5) * cellMetres - py;
      for (let c = Math.max(0, col - reach); c <= Math.min(columns - 1, col + reach); c++) {
        const cx = (c + 0.5) * cellMetres - px;
        const d2 = cx * cx + cy * cy;
        if (d2 >= h2) continue;
        const u = 1 - d2 / h2;
        values[r * columns + c]! += p.weight * scale * u * u;
      }
    }
  }
  return { west, south, dLon, dLat, columns, rows, values };
}
