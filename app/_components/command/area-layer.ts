import type { FeatureCollection } from "geojson";
import type { GeoJSONSource, LayerSpecification, Map as MapLibreMap } from "maplibre-gl";
import type { SupervisedAreaCollection } from "@/lib/command/supervised-areas";

/**
 * Supervised areas on the map: a deep purple dashed outline (thicker when overdue, grey once
 * accepted) over a light tint — purple, because the hot spots under them are red. Layer ids start with "command-", which the district map keeps
 * (and lifts back on top) when it rebuilds its own layers.
 */
const SOURCE = "command-areas";
export const AREA_COLOUR = "#3f007d";
const LAYERS: LayerSpecification[] = [
  {
    id: "command-areas-fill",
    type: "fill",
    source: SOURCE,
    paint: { "fill-color": ["case", ["==", ["get", "status"], "accepted"], "#9e9e9e", "#54278f"], "fill-opacity": 0.12 },
  },
  {
    id: "command-areas-line",
    type: "line",
    source: SOURCE,
    paint: {
      "line-color": ["case", ["==", ["get", "status"], "accepted"], "#757575", AREA_COLOUR],
      "line-width": ["case", ["get", "overdue"], 4.5, 3],
      "line-dasharray": [3, 1.5],
    },
  },
];

export function showSupervisedAreas(map: MapLibreMap, areas: SupervisedAreaCollection): void {
  // The map needs flat properties: the weekly series stays in the panel.
  const data: FeatureCollection = {
    type: "FeatureCollection",
    features: areas.features.map((f) => ({
      type: "Feature",
      geometry: f.geometry,
      properties: { id: f.properties.id, name: f.properties.name, status: f.properties.status, overdue: f.properties.overdue },
    })),
  };
  const source = map.getSource(SOURCE) as GeoJSONSource | undefined;
  if (source) source.setData(data);
  else map.addSource(SOURCE, { type: "geojson", data });
  for (const layer of LAYERS) if (!map.getLayer(layer.id)) map.addLayer(layer);
}
