import type { ExpressionSpecification, LayerSpecification } from "maplibre-gl";

/** Road colours by class; the legend uses them too. */
export const ROAD_COLOURS = {
  arterial: "#f2b84b",
  secondary: "#fbe3a2",
  local: "#ffffff",
  casing: "#b8a57e",
  label: "#4d3f24",
} as const;

export const ROAD_SOURCE = "context-roads";

const byClass = (arterial: number, secondary: number, local: number): ExpressionSpecification =>
  ["match", ["get", "road_class"], "arterial", arterial, "secondary", secondary, local];

/** Road width in pixels by class and zoom: main roads read from z10, lanes only close up. */
const width = (scale: number): ExpressionSpecification => [
  "interpolate",
  ["exponential", 1.6],
  ["zoom"],
  10, ["*", scale, byClass(1.2, 0.6, 0.2)],
  13, ["*", scale, byClass(3, 2, 0.8)],
  16, ["*", scale, byClass(10, 7, 4)],
];

/** Which classes show at which zoom: arterials from 10, secondary from 12, local from 14. */
const visibleAtZoom: ExpressionSpecification = [
  "any",
  ["==", ["get", "road_class"], "arterial"],
  ["all", ["==", ["get", "road_class"], "secondary"], [">=", ["zoom"], 12]],
  [">=", ["zoom"], 14],
];

/**
 * Roads under the data layers so people can find their way: a casing and a fill per class, and
 * names along the lines from z13 (main roads) to z15 (all). Drawn from the `roads` tile layer.
 */
export function roadLines(): LayerSpecification[] {
  return [
    {
      id: "roads-casing",
      type: "line",
      source: ROAD_SOURCE,
      "source-layer": "roads",
      filter: visibleAtZoom,
      layout: { "line-cap": "round", "line-join": "round" },
      paint: { "line-color": ROAD_COLOURS.casing, "line-width": width(1.35), "line-opacity": 0.8 },
    },
    {
      id: "roads-line",
      type: "line",
      source: ROAD_SOURCE,
      "source-layer": "roads",
      filter: visibleAtZoom,
      layout: { "line-cap": "round", "line-join": "round" },
      paint: {
        "line-color": ["match", ["get", "road_class"], "arterial", ROAD_COLOURS.arterial, "secondary", ROAD_COLOURS.secondary, ROAD_COLOURS.local],
        "line-width": width(1),
      },
    },
  ] as LayerSpecification[];
}

export function roadLabels(): LayerSpecification[] {
  return [
    {
      id: "roads-label",
      type: "symbol",
      source: ROAD_SOURCE,
      "source-layer": "roads",
      minzoom: 13,
      filter: [
        "all",
        ["!=", ["get", "name"], ""],
        ["any", ["==", ["get", "road_class"], "arterial"], ["all", ["==", ["get", "road_class"], "secondary"], [">=", ["zoom"], 14]], [">=", ["zoom"], 15]],
      ],
      layout: {
        "symbol-placement": "line",
        "text-field": ["get", "name"],
        "text-size": ["interpolate", ["linear"], ["zoom"], 13, 11, 16, 14],
        "text-max-angle": 30,
        "symbol-spacing": 280,
      },
      paint: { "text-color": ROAD_COLOURS.label, "text-halo-color": "#ffffff", "text-halo-width": 1.5 },
    },
  ] as LayerSpecification[];
}
