import type { ExpressionSpecification, LayerSpecification } from "maplibre-gl";
import type { MapLayer } from "@/lib/dashboard/view-state";
import { COVERAGE_CLASSES } from "@/lib/map/coverage-classes";

/**
 * Styles of the vector-tile layers and analysis overlays: typed data, shared with the legend so
 * the two cannot drift apart. Colour ramps are ColorBrewer / viridis (colour-blind safe).
 */
export const CATEGORY_COLOURS: Record<string, string> = {
  stall_violation: "#e66101",
  complaint: "#5e3c99",
  fire_hazard: "#b2182b",
  unlicensed_business: "#b8860b", // dark goldenrod: the pale #fdb863 was unreadable as chart legend text
  illegal_structure: "#8c510a",
  patrol_checkin: "#1b9e77",
  inspection: "#4393c3",
};

export const ZONE_COLOUR = "#d7301f";
export const GUIDANCE_COLOUR = "#1a9850";
export const POI_COLOUR = "#6a51a3";

/**
 * Places of interest by category: a coloured disc with the one character Chinese maps use for
 * it (校 school, 医 hospital, 市 market, 站 station, 政 government), so a school reads as a
 * school without a click. Drawn with the browser's own font: no icon sprite to ship.
 */
export const POI_SYMBOLS: Record<"school" | "hospital" | "market" | "transit_hub" | "admin_centre" | "other", { colour: string; mark: string }> = {
  school: { colour: "#2166ac", mark: "校" },
  hospital: { colour: "#d6604d", mark: "医" },
  market: { colour: "#e08214", mark: "市" },
  transit_hub: { colour: "#1b7837", mark: "站" },
  admin_centre: { colour: "#542788", mark: "政" },
  other: { colour: POI_COLOUR, mark: "" },
};
const poiMatch = (pick: (s: { colour: string; mark: string }) => string) =>
  ["match", ["get", "category"], ...Object.entries(POI_SYMBOLS).flatMap(([c, s]) => [c, pick(s)]), pick(POI_SYMBOLS.other)] as unknown as ExpressionSpecification;
/** Ring colours of a rental building by what the five rules allow. */
export const RENTAL_STATUS_RING = { allowed: "#ffffff", barred: "#000000", suspended: "#f16913" } as const;

export const BUILDING_COLOURS = { registered: "#4393c3", unregistered: "#d6604d", deregistered: "#999999" };

/** Gi_Bin −3..3 → ColorBrewer RdBu (7 classes). */
export const HOTSPOT_COLOURS: [number, string][] = [
  [3, "#b2182b"], [2, "#ef8a62"], [1, "#fddbc7"], [0, "#f7f7f7"], [-1, "#d1e5f0"], [-2, "#67a9cf"], [-3, "#2166ac"],
];

export const EMERGING_COLOURS: Record<string, string> = {
  new_hot: "#fee0d2", consecutive_hot: "#fcbba1", intensifying_hot: "#a50f15", persistent_hot: "#ef3b2c",
  diminishing_hot: "#fc9272", sporadic_hot: "#fdd0a2", oscillating_hot: "#d94801", historical_hot: "#bdbdbd",
  new_cold: "#deebf7", consecutive_cold: "#c6dbef", intensifying_cold: "#08519c", persistent_cold: "#3182bd",
  diminishing_cold: "#9ecae1", sporadic_cold: "#c7e9c0", oscillating_cold: "#6baed6", historical_cold: "#d9d9d9",
  no_pattern: "#ffffff",
};

/** Areas covered by no grid cell, and the outline of cells that overlap another. */
export const GEOMETRY_PROBLEM_COLOUR = "#c51b7d";

/** Viridis, low → high. */
export const VIRIDIS = ["#440154", "#3b528b", "#21918c", "#5ec962", "#fde725"];

export function tileLayerStyles(layer: MapLayer, opacity: number): LayerSpecification[] {
  const source = `tiles-${layer}`;
  switch (layer) {
    case "no-stall-zones":
      return [
        {
          id: "no-stall-zones-fill",
          type: "fill",
          source,
          "source-layer": layer,
          // Drafts and retired zones get a faint fill so they can be clicked too; their dashed
          // outline (below, and in the legend) tells them from active ones.
          paint: { "fill-color": ZONE_COLOUR, "fill-opacity": ["case", ["==", ["get", "status"], "active"], 0.25 * opacity, 0.05 * opacity] },
        },
        {
          id: "no-stall-zones-line",
          type: "line",
          source,
          "source-layer": layer,
          paint: {
            "line-color": ZONE_COLOUR,
            "line-width": 1.2,
            "line-opacity": opacity,
            "line-dasharray": ["case", ["==", ["get", "status"], "active"], ["literal", [1, 0]], ["literal", [2, 2]]],
          },
        },
      ] as LayerSpecification[];
    case "guidance-points":
      return [
        {
          id: "guidance-points-circle",
          type: "circle",
          source,
          "source-layer": layer,
          paint: {
            "circle-color": ["case", ["==", ["get", "status"], "active"], GUIDANCE_COLOUR, "#a6d96a"],
            "circle-radius": ["interpolate", ["linear"], ["zoom"], 10, 3, 16, 8],
            "circle-stroke-color": "#ffffff",
            "circle-stroke-width": 1,
            "circle-opacity": opacity,
            "circle-stroke-opacity": opacity,
          },
        },
      ];
    case "pois":
      return [
        {
          id: "pois-circle",
          type: "circle",
          source,
          "source-layer": layer,
          paint: {
            "circle-color": poiMatch((s) => s.colour),
            "circle-radius": ["interpolate", ["linear"], ["zoom"], 10, 3.5, 13, 8, 16, 10],
            "circle-opacity": opacity,
            "circle-stroke-color": "#fff",
            "circle-stroke-width": 1,
          },
        },
        {
          id: "pois-mark",
          type: "symbol",
          source,
          "source-layer": layer,
          minzoom: 13,
          layout: {
            "text-field": poiMatch((s) => s.mark),
            "text-size": ["interpolate", ["linear"], ["zoom"], 13, 10, 16, 13],
            "text-allow-overlap": true,
            "text-ignore-placement": true,
          },
          paint: { "text-color": "#ffffff", "text-opacity": opacity },
        },
        {
          id: "pois-name",
          type: "symbol",
          source,
          "source-layer": layer,
          minzoom: 15,
          layout: { "text-field": ["get", "name"], "text-size": 11, "text-offset": [0, 1.3], "text-anchor": "top", "text-optional": true },
          paint: { "text-color": "#333333", "text-halo-color": "#ffffff", "text-halo-width": 1.2, "text-opacity": opacity },
        },
      ] as LayerSpecification[];
    case "events":
      return aggregatedOrPoints(layer, opacity, "#7a0177", 20, {
        "circle-color": ["match", ["get", "category"], ...Object.entries(CATEGORY_COLOURS).flat(), "#666666"] as unknown as ExpressionSpecification,
        "circle-radius": 3.5,
        "circle-opacity": opacity,
        // A white ring keeps the dots visible on the dark reds and blues of a hot-spot overlay.
        "circle-stroke-color": "#ffffff",
        "circle-stroke-width": 0.8,
        "circle-stroke-opacity": opacity,
      });
    case "rental-buildings":
      return aggregatedOrPoints(layer, opacity, "#2b8cbe", 18, {
        "circle-color": ["match", ["get", "registration_status"], "registered", BUILDING_COLOURS.registered, "unregistered", BUILDING_COLOURS.unregistered, BUILDING_COLOURS.deregistered],
        "circle-radius": 3.5,
        // The five rules' outcome on the ring: white may be rented, black may not (①②③), orange is
        // suspended until fixed (⑤ 停租整治).
        "circle-stroke-color": ["match", ["get", "rental_status"], "barred", RENTAL_STATUS_RING.barred, "suspended", RENTAL_STATUS_RING.suspended, RENTAL_STATUS_RING.allowed],
        "circle-stroke-width": 1,
        "circle-opacity": opacity,
      });
  }
}

/**
 * Point layers served aggregated at low zoom (features with a `count`) and raw when zoomed in:
 * sized bubbles for the counts, styled points for the rest.
 */
function aggregatedOrPoints(layer: "events" | "rental-buildings", opacity: number, bubble: string, maxRadius: number, points: Record<string, unknown>): LayerSpecification[] {
  const source = `tiles-${layer}`;
  return [
    {
      id: `${layer}-aggregated`,
      type: "circle",
      source,
      "source-layer": layer,
      filter: ["has", "count"],
      paint: {
        "circle-color": bubble,
        "circle-opacity": 0.5 * opacity,
        "circle-radius": ["interpolate", ["linear"], ["sqrt", ["get", "count"]], 1, 2, 10, 9, 40, maxRadius],
        "circle-stroke-color": "#ffffff",
        "circle-stroke-width": 0.6,
        "circle-stroke-opacity": opacity,
      },
    },
    { id: `${layer}-points`, type: "circle", source, "source-layer": layer, filter: ["!", ["has", "count"]], paint: points },
  ] as LayerSpecification[];
}

/** Fill colour of the analysis overlay, by the (flattened) properties the overlay carries. */
/**
 * The overlay's fill colour from a unit's values: read from the feature's own properties (a
 * GeoJSON overlay) or from the feature state the map set on a grid-cell tile feature (a joined
 * overlay: `from = "feature-state"`). A gap between cells has a layer of its own.
 */
export function overlayFillColour(
  kind: "density" | "coverage" | "hotspots" | "emerging",
  densityStops: number[],
  from: "get" | "feature-state" = "get",
): ExpressionSpecification {
  const value = (key: string) => [from, key];
  switch (kind) {
    case "hotspots":
      return ["match", ["coalesce", value("gi_bin"), 0], ...HOTSPOT_COLOURS.flat(), "#f7f7f7"] as unknown as ExpressionSpecification;
    case "emerging":
      return ["match", ["coalesce", value("category"), ""], ...Object.entries(EMERGING_COLOURS).flat(), "#ffffff"] as unknown as ExpressionSpecification;
    case "coverage":
      return [
        "case",
        ["!=", ["typeof", value("gap")], "number"], COVERAGE_CLASSES[4]!.colour,
        ["<=", value("gap"), 0], COVERAGE_CLASSES[0]!.colour,
        ["<=", value("gap"), 0.05], COVERAGE_CLASSES[1]!.colour,
        ["<=", value("gap"), 0.15], COVERAGE_CLASSES[2]!.colour,
        COVERAGE_CLASSES[3]!.colour,
      ] as unknown as ExpressionSpecification;
    case "density": {
      // Empty units stay clear; the rest follow viridis over quantile stops, so one extreme
      // place does not flatten the whole map into the lowest colour.
      const stops = densityStops.map((v, i) => v + i * 1e-9);
      const perKm2 = ["coalesce", value("per_km2"), 0];
      return [
        "case",
        ["<=", perKm2, 0], "rgba(0,0,0,0)",
        ["interpolate", ["linear"], perKm2, ...stops.flatMap((v, i) => [v, VIRIDIS[i]!])],
      ] as unknown as ExpressionSpecification;
    }
  }
}

/** Five stops at the 5th, 25th, 50th, 75th and 98th percentiles of the non-zero values. */
export function densityStops(values: number[]): number[] {
  const sorted = values.filter((v) => v > 0).sort((a, b) => a - b);
  if (sorted.length === 0) return [0, 1, 2, 3, 4];
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
  return [0.05, 0.25, 0.5, 0.75, 0.98].map((p) => Math.round(at(p) * 10) / 10);
}
