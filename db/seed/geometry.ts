import { bbox, booleanPointInPolygon, pointOnFeature } from "@turf/turf";
import type { MultiPolygon, Polygon } from "geojson";
import type { Random } from "./prng";

export type Area = Polygon | MultiPolygon;
export type LonLat = [number, number];

const METRES_PER_DEGREE_LAT = 111_320;

/** Offset a point by metres east/north (local flat approximation; fine for < a few km). */
export function offsetMetres([lon, lat]: LonLat, east: number, north: number): LonLat {
  const dLat = north / METRES_PER_DEGREE_LAT;
  const dLon = east / (METRES_PER_DEGREE_LAT * Math.cos((lat * Math.PI) / 180));
  return [lon + dLon, lat + dLat];
}

export function distanceMetres(a: LonLat, b: LonLat): number {
  const dy = (a[1] - b[1]) * METRES_PER_DEGREE_LAT;
  const dx = (a[0] - b[0]) * METRES_PER_DEGREE_LAT * Math.cos((a[1] * Math.PI) / 180);
  return Math.hypot(dx, dy);
}

/** A uniformly random point inside an area, by rejection sampling in its bounding box. */
export function randomPointIn(random: Random, area: Area, box = bbox(area)): LonLat {
  for (let i = 0; i < 100; i++) {
    const p: LonLat = [random.between(box[0], box[2]), random.between(box[1], box[3])];
    if (booleanPointInPolygon(p, area)) return p;
  }
  return pointOnFeature(area).geometry.coordinates as LonLat;
}

/** Round to 7 decimals (~1 cm), the precision Grid Atlas stores and exchanges. */
export function round7(value: number): number {
  return Math.round(value * 1e7) / 1e7;
}
