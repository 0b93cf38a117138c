import { centroid } from "@turf/turf";
import type { Feature, Geometry, MultiPolygon, Point, Polygon } from "geojson";
import { hotspots, type HotspotUnitResult } from "./getis-ord";
import { queenContiguity } from "./polygon-contiguity";
import { distanceBandNeighbours, minimumDistanceBand, type Metric } from "./weights";

/** A problem with the input a person can fix (the CLI prints it as one line). */
export class FeatureInputError extends Error {}

export interface FeatureHotspotOptions {
  value: string;
  /** queen | distance | distance:<metres>; default queen for polygons, distance for points. */
  weights?: string;
  fdr: boolean;
  alpha: number;
  metric: Metric;
}

/**
 * Gi* hot spots on any GeoJSON features (`npm run analyze -- hotspots`): polygons with queen
 * contiguity (seam-tolerant) or points/polygons with distance bands.
 */
export function featureHotspots(features: readonly Feature[], options: FeatureHotspotOptions): { results: HotspotUnitResult[]; described: string } {
  if (features.length < 3) throw new FeatureInputError("need at least 3 features");
  if (!(options.alpha > 0 && options.alpha <= 0.5)) throw new FeatureInputError("--alpha must be between 0 and 0.5");
  const values = features.map((f, i) => {
    const raw = f.properties?.[options.value];
    const v = Number(raw);
    if (raw === null || raw === undefined || !Number.isFinite(v)) throw new FeatureInputError(`feature ${i} has no numeric "${options.value}" property`);
    return v;
  });
  const kinds = new Set(features.map((f) => f.geometry?.type));
  const polygons = [...kinds].every((k) => k === "Polygon" || k === "MultiPolygon");
  const points = [...kinds].every((k) => k === "Point");
  if (!polygons && !points) throw new FeatureInputError(`features must be all polygons or all points, found ${[...kinds].join(", ")}`);
  const weights = options.weights ?? (polygons ? "queen" : "distance");
  let neighbours;
  let described: string;
  if (weights === "queen") {
    if (!polygons) throw new FeatureInputError("queen contiguity needs polygons; use --weights distance:<metres> for points");
    neighbours = queenContiguity(features as Feature<Polygon | MultiPolygon>[]);
    described = "queen contiguity";
  } else {
    const match = /^distance(?::(\d+(?:\.\d+)?))?$/.exec(weights);
    if (!match) throw new FeatureInputError("--weights must be queen, distance or distance:<metres>");
    const centres = features.map((f) =>
      f.geometry.type === "Point" ? ((f.geometry as Point).coordinates as [number, number]) : (centroid(f as Feature<Geometry>).geometry.coordinates as [number, number]),
    );
    const band = match[1] ? Number(match[1]) : minimumDistanceBand(centres, options.metric);
    neighbours = distanceBandNeighbours(centres, band, options.metric);
    described = `distance band ${band}${options.metric === "planar" ? " (planar units)" : " m"}${match[1] ? "" : " (smallest giving every feature a neighbour)"}`;
  }
  return { results: hotspots(values, neighbours, { fdr: options.fdr, alpha: options.alpha }), described };
}
