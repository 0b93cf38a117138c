import { area, booleanPointInPolygon, centerOfMass, pointOnFeature } from "@turf/turf";
import type { Feature, FeatureCollection, Point, Polygon } from "geojson";

/**
 * One label point per area, inside its largest part. Labelled from the polygons, MapLibre puts a
 * label on every piece its tiling cuts an area into, so a community read "泉云社区" five times.
 */
export function labelPoints(collection: FeatureCollection): FeatureCollection<Point> {
  const features: Feature<Point>[] = [];
  for (const f of collection.features) {
    const g = f.geometry;
    if (g?.type !== "Polygon" && g?.type !== "MultiPolygon") continue;
    const parts: Polygon[] = g.type === "Polygon" ? [g] : g.coordinates.map((coordinates) => ({ type: "Polygon", coordinates }));
    const largest = parts.reduce((a, b) => (area(b) > area(a) ? b : a));
    // The centre of mass reads best; a crescent's lies outside, and then any inside point does.
    const centre = centerOfMass(largest);
    const inside = booleanPointInPolygon(centre, largest) ? centre : pointOnFeature(largest);
    features.push({ type: "Feature", geometry: inside.geometry, properties: f.properties ?? {} });
  }
  return { type: "FeatureCollection", features };
}
