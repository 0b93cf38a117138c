import { bbox, booleanIntersects } from "@turf/turf";
import type { Feature, MultiPolygon, Polygon, Position } from "geojson";
import { CONTIGUITY_TOLERANCE_DEGREES } from "./contiguity-tolerance";
import type { Neighbours } from "./getis-ord";
import { neighboursFromPairs } from "./weights";

/**
 * Queen contiguity between polygons in a GeoJSON file (the CLI's input, no database): two
 * polygons are neighbours when they intersect or come within `tolerance` degrees of each other
 * (PostGIS's ST_DWithin on the same coordinates), so seams left by rounding still count as
 * shared edges. A bounding-box sweep keeps it near O(n log n) for tessellations.
 */
export function queenContiguity(features: readonly Feature<Polygon | MultiPolygon>[], tolerance = CONTIGUITY_TOLERANCE_DEGREES): Neighbours {
  const boxes = features.map((f) => bbox(f));
  const order = boxes.map((_, i) => i).sort((a, b) => boxes[a]![0] - boxes[b]![0]);
  const pairs: [number, number][] = [];
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    const bi = boxes[i]!;
    for (let m = k + 1; m < order.length; m++) {
      const j = order[m]!;
      const bj = boxes[j]!;
      if (bj[0] > bi[2] + tolerance) break;
      if (bj[1] > bi[3] + tolerance || bj[3] < bi[1] - tolerance) continue;
      if (booleanIntersects(features[i]!, features[j]!) || boundariesWithin(features[i]!, features[j]!, tolerance)) pairs.push([i, j]);
    }
  }
  return neighboursFromPairs(features.length, pairs);
}

type Segment = readonly [Position, Position];

function segments(feature: Feature<Polygon | MultiPolygon>): Segment[] {
  const polygons = feature.geometry.type === "Polygon" ? [feature.geometry.coordinates] : feature.geometry.coordinates;
  const out: Segment[] = [];
  for (const polygon of polygons) for (const ring of polygon) for (let i = 1; i < ring.length; i++) out.push([ring[i - 1]!, ring[i]!]);
  return out;
}

/** Whether some edge of `a` comes within `tolerance` of some edge of `b` (planar, in degrees). */
function boundariesWithin(a: Feature<Polygon | MultiPolygon>, b: Feature<Polygon | MultiPolygon>, tolerance: number): boolean {
  const bSegments = segments(b);
  for (const s of segments(a)) {
    const [sx0, sx1] = [Math.min(s[0][0]!, s[1][0]!), Math.max(s[0][0]!, s[1][0]!)];
    const [sy0, sy1] = [Math.min(s[0][1]!, s[1][1]!), Math.max(s[0][1]!, s[1][1]!)];
    for (const t of bSegments) {
      if (Math.min(t[0][0]!, t[1][0]!) > sx1 + tolerance || Math.max(t[0][0]!, t[1][0]!) < sx0 - tolerance) continue;
      if (Math.min(t[0][1]!, t[1][1]!) > sy1 + tolerance || Math.max(t[0][1]!, t[1][1]!) < sy0 - tolerance) continue;
      if (segmentDistance(s, t) <= tolerance) return true;
    }
  }
  return false;
}

/** Shortest distance between two segments (they do not cross here: booleanIntersects came first). */
function segmentDistance(s: Segment, t: Segment): number {
  return Math.min(pointSegment(s[0], t), pointSegment(s[1], t), pointSegment(t[0], s), pointSegment(t[1], s));
}

function pointSegment(p: Position, [a, b]: Segment): number {
  const [px, py, ax, ay, bx, by] = [p[0]!, p[1]!, a[0]!, a[1]!, b[0]!, b[1]!];
  const dx = bx - ax;
  const dy = by - ay;
  const length2 = dx * dx + dy * dy;
  const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / length2));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}
