import { bbox, booleanIntersects } from "@turf/turf";
import type { Feature, MultiPolygon, Polygon } from "geojson";
import type { Neighbours } from "./getis-ord";
import { neighboursFromPairs } from "./weights";

/**
 * Queen contiguity between polygons in a GeoJSON file (the CLI's input, no database):
 * two polygons are neighbours when they share a vertex or their boundaries touch or cross.
 * A bounding-box sweep keeps it near O(n log n) for tessellations.
 */
export function queenContiguity(features: readonly Feature<Polygon | MultiPolygon>[]): Neighbours {
  const boxes = features.map((f) => bbox(f));
  const order = boxes.map((_, i) => i).sort((a, b) => boxes[a]![0] - boxes[b]![0]);
  const pairs: [number, number][] = [];
  const eps = 1e-12;
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    const bi = boxes[i]!;
    for (let m = k + 1; m < order.length; m++) {
      const j = order[m]!;
      const bj = boxes[j]!;
      if (bj[0] > bi[2] + eps) break;
      if (bj[1] > bi[3] + eps || bj[3] < bi[1] - eps) continue;
      if (booleanIntersects(features[i]!, features[j]!)) pairs.push([i, j]);
    }
  }
  return neighboursFromPairs(features.length, pairs);
}
