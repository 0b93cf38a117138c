import type { Feature, FeatureCollection, Geometry } from "geojson";
import type { GeoJSONSource, LayerSpecification, Map as MapLibreMap } from "maplibre-gl";

/**
 * The planner's own map layers (ids start with "plan-", which the district map keeps on top):
 * check findings, version overlays and the "as of" zones. Each is one GeoJSON source.
 */
export type PlanOverlay = "check" | "versions" | "asof";

const LAYERS: Record<PlanOverlay, LayerSpecification[]> = {
  check: [
    { id: "plan-check-overlap", type: "fill", source: "plan-check", filter: ["==", ["get", "role"], "overlap"], paint: { "fill-color": "#7b3294", "fill-opacity": 0.45 } },
    { id: "plan-check-affected", type: "circle", source: "plan-check", filter: ["==", ["get", "role"], "affected"], paint: { "circle-radius": 9, "circle-color": "#fdae61", "circle-stroke-color": "#b2182b", "circle-stroke-width": 3 } },
    { id: "plan-check-alternative", type: "circle", source: "plan-check", filter: ["==", ["get", "role"], "alternative"], paint: { "circle-radius": 7, "circle-color": "#1a9850", "circle-stroke-color": "#ffffff", "circle-stroke-width": 2 } },
    { id: "plan-check-error", type: "circle", source: "plan-check", filter: ["==", ["get", "role"], "error"], paint: { "circle-radius": 10, "circle-color": "rgba(0,0,0,0)", "circle-stroke-color": "#e31a1c", "circle-stroke-width": 3 } },
  ],
  versions: [
    { id: "plan-versions-fill", type: "fill", source: "plan-versions", paint: { "fill-color": ["get", "colour"], "fill-opacity": 0.2 } },
    { id: "plan-versions-line", type: "line", source: "plan-versions", paint: { "line-color": ["get", "colour"], "line-width": 2.5, "line-dasharray": [2, 1] } },
  ],
  asof: [
    { id: "plan-asof-fill", type: "fill", source: "plan-asof", paint: { "fill-color": "#2c7bb6", "fill-opacity": 0.25 } },
    { id: "plan-asof-line", type: "line", source: "plan-asof", paint: { "line-color": "#2c7bb6", "line-width": 1.5 } },
  ],
};

export function showPlanOverlay(map: MapLibreMap, overlay: PlanOverlay, features: Feature[]): void {
  const id = `plan-${overlay}`;
  const data: FeatureCollection = { type: "FeatureCollection", features };
  const source = map.getSource(id) as GeoJSONSource | undefined;
  if (source) source.setData(data);
  else map.addSource(id, { type: "geojson", data });
  for (const layer of LAYERS[overlay]) if (!map.getLayer(layer.id)) map.addLayer(layer);
}

export const feature = (geometry: Geometry, properties: Record<string, unknown>): Feature => ({ type: "Feature", geometry, properties });
