import type { GeoJSONSource, Map as MapLibreMap } from "maplibre-gl";

// command-*: a layer the map's rebuild keeps (district-map.tsx), like the supervised areas.
const SOURCE = "command-picked-point";

/**
 * A ring around the place whose card is open (a building opened from a work list), so it can be
 * found on the map even when its layer is switched off. `at` null takes the ring away.
 */
export function showPickedPoint(map: MapLibreMap, at: [number, number] | null): void {
  const data = { type: "FeatureCollection" as const, features: at ? [{ type: "Feature" as const, geometry: { type: "Point" as const, coordinates: at }, properties: {} }] : [] };
  const source = map.getSource(SOURCE) as GeoJSONSource | undefined;
  if (source) source.setData(data);
  else if (at) map.addSource(SOURCE, { type: "geojson", data });
  if (!at || map.getLayer(SOURCE)) return;
  map.addLayer({
    id: SOURCE,
    type: "circle",
    source: SOURCE,
    paint: { "circle-radius": 11, "circle-color": "rgba(0,0,0,0)", "circle-stroke-color": "#d7301f", "circle-stroke-width": 3 },
  });
}
