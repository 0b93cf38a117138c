import type { LayerSpecification } from "maplibre-gl";

export const FOOTPRINT_SOURCE = "context-footprints";
export const FOOTPRINT_COLOURS = { plain: "#e6e0d6", registered: "#c6d7ea", outline: "#b3a48c" } as const;

/**
 * Building outlines (imported footprints) under the data from z15: those with rental-register
 * rows standing in them tinted blue, the rest neutral — an outline with none may be a rental
 * nobody has registered.
 */
export function footprintLayers(): LayerSpecification[] {
  return [
    {
      id: "footprints-fill",
      type: "fill",
      source: FOOTPRINT_SOURCE,
      "source-layer": "footprints",
      minzoom: 15,
      paint: {
        "fill-color": ["case", [">", ["get", "rentals"], 0], FOOTPRINT_COLOURS.registered, FOOTPRINT_COLOURS.plain],
        "fill-opacity": ["interpolate", ["linear"], ["zoom"], 15, 0.5, 17, 0.9],
        "fill-outline-color": FOOTPRINT_COLOURS.outline,
      },
    },
  ] as LayerSpecification[];
}
