import geographiclib from "geographiclib-geodesic";

// A UMD bundle: Node's ESM loader sees only its default export (the namespace object).
const { Geodesic } = geographiclib;

/** [longitude, latitude] in degrees (WGS 84 / CGCS2000). */
export type LonLat = readonly [number, number];

/** Mean Earth radius (IUGG) for the quick great-circle estimate. */
const SPHERE_RADIUS_M = 6_371_008.8;
/**
 * The great-circle distance on that sphere is within 0.6 % of the WGS 84 geodesic (the meridian's
 * radius of curvature runs from 6,335 km to 6,400 km): a pair clearly inside or outside the radius
 * by more than this share is decided by the estimate, the rest by the exact geodesic.
 */
const SPHERE_MARGIN = 0.007;
/** Fewest metres in a degree of latitude (at the equator), so a bucket never holds less than the radius. */
const MIN_METRES_PER_DEGREE_LAT = 110_574;

/**
 * "Is this position within `metres` of any of these points?" — the same answer as PostGIS's
 * `ST_DWithin(a::geography, b::geography, metres)` (the WGS 84 geodesic, GeographicLib, which
 * PostGIS uses too), for many positions against a few hundred points. Points sit in buckets about
 * the radius wide; a position looks at the 3×3 buckets around it, and only pairs near the edge
 * of the radius pay for the exact geodesic.
 */
export function withinMetresOf(points: readonly LonLat[], metres: number): (position: LonLat) => boolean {
  if (points.length === 0) return () => false;
  const maxAbsLat = Math.min(89, Math.max(...points.map((p) => Math.abs(p[1]))) + 1);
  const latStep = (metres / MIN_METRES_PER_DEGREE_LAT) * (1 + SPHERE_MARGIN);
  const lonStep = latStep / Math.cos((maxAbsLat * Math.PI) / 180);
  const key = (col: number, row: number) => `${col}:${row}`;
  const buckets = new Map<string, LonLat[]>();
  for (const p of points) {
    const k = key(Math.floor(p[0] / lonStep), Math.floor(p[1] / latStep));
    const bucket = buckets.get(k);
    if (bucket) bucket.push(p);
    else buckets.set(k, [p]);
  }
  const inside = metres * (1 - SPHERE_MARGIN);
  const outside = metres * (1 + SPHERE_MARGIN);
  return ([lon, lat]) => {
    if (Math.abs(lat) > maxAbsLat) return false; // farther from every point than a degree of latitude
    const col = Math.floor(lon / lonStep);
    const row = Math.floor(lat / latStep);
    for (let dc = -1; dc <= 1; dc++) {
      for (let dr = -1; dr <= 1; dr++) {
        for (const p of buckets.get(key(col + dc, row + dr)) ?? []) {
          const estimate = greatCircleMetres(lon, lat, p[0], p[1]);
          if (estimate <= inside) return true;
          if (estimate > outside) continue;
          if (geodesicMetres(lon, lat, p[0], p[1]) <= metres) return true;
        }
      }
    }
    return false;
  };
}

/** Haversine distance on the mean sphere. */
export function greatCircleMetres(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * SPHERE_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The WGS 84 geodesic distance (Karney's algorithm, as PostGIS geography). */
export function geodesicMetres(lon1: number, lat1: number, lon2: number, lat2: number): number {
  return Geodesic.WGS84.Inverse(lat1, lon1, lat2, lon2).s12 ?? Number.NaN;
}
