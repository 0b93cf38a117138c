import type { LayerSpecification } from "maplibre-gl";
import type { Locale } from "@/lib/i18n/messages";

/** Colours of the admin hierarchy; also used by the legend so the two cannot drift apart. */
export const BOUNDARY_COLOURS = {
  street: "#1f4e79",
  community: "#4f7cac",
  cell: "#8aa1b8",
  streetFill: ["#dbe7f3", "#e6eef6", "#d5e4ee", "#e9eef3", "#dce9ef"],
} as const;

export const BOUNDARY_SOURCES = {
  streets: "boundaries-streets",
  communities: "boundaries-communities",
  cells: "boundaries-grid-cells",
  cellLabels: "boundaries-grid-cell-labels",
  streetLabels: "boundaries-street-labels",
  communityLabels: "boundaries-community-labels",
} as const;

/** The colour of a chosen area's outline (also in the legend). */
export const HIGHLIGHT_COLOUR = "#00b3c7";

/**
 * One outline layer per level; each shows the chosen code if it is of its level. A cell's outline
 * starts at z12, as the cell lines do (a chosen cell is flown to at z14+): below that, the layer
 * alone would make the map fetch every grid-cell tile of the district — ~200 KB at z10 — for nothing.
 */
export const HIGHLIGHT_LAYERS = [
  { id: "highlight-street", source: BOUNDARY_SOURCES.streets, sourceLayer: null, minzoom: 0 },
  { id: "highlight-community", source: BOUNDARY_SOURCES.communities, sourceLayer: null, minzoom: 0 },
  { id: "highlight-cell", source: BOUNDARY_SOURCES.cells, sourceLayer: "grid-cells", minzoom: 12 },
] as const;

/** The filter that shows one code (or nothing). */
export const highlightFilter = (code: string | null) => ["==", ["get", "code"], code ?? ""] as ["==", ["get", string], string];

const nameField = (locale: Locale) => ["get", locale === "zh" ? "name_zh" : "name_en"];

/**
 * Layers for streets, communities and grid cells, coarse to fine, labels on top. Over a real
 * basemap the street tint is faint, so the basemap's roads, water and names show through.
 */
export function boundaryLayers(locale: Locale, overBasemap = false): LayerSpecification[] {
  return [
    {
      id: "streets-fill",
      type: "fill",
      source: BOUNDARY_SOURCES.streets,
      paint: {
        // Alternate soft tints by street code so neighbouring streets are told apart.
        "fill-color": [
          "match",
          ["%", ["to-number", ["slice", ["get", "code"], 6, 9]], 5],
          0, BOUNDARY_COLOURS.streetFill[0],
          1, BOUNDARY_COLOURS.streetFill[1],
          2, BOUNDARY_COLOURS.streetFill[2],
          3, BOUNDARY_COLOURS.streetFill[3],
          BOUNDARY_COLOURS.streetFill[4],
        ],
        "fill-opacity": overBasemap ? 0.25 : 0.9,
      },
    },
    {
      id: "grid-cells-line",
      type: "line",
      source: BOUNDARY_SOURCES.cells,
      "source-layer": "grid-cells",
      minzoom: 12,
      paint: { "line-color": BOUNDARY_COLOURS.cell, "line-width": ["interpolate", ["linear"], ["zoom"], 12, 0.3, 16, 1] },
    },
    {
      id: "communities-line",
      type: "line",
      source: BOUNDARY_SOURCES.communities,
      paint: {
        "line-color": BOUNDARY_COLOURS.community,
        "line-width": ["interpolate", ["linear"], ["zoom"], 10, 0.5, 15, 1.6],
        "line-dasharray": [3, 2],
      },
    },
    {
      id: "streets-line",
      type: "line",
      source: BOUNDARY_SOURCES.streets,
      paint: { "line-color": BOUNDARY_COLOURS.street, "line-width": ["interpolate", ["linear"], ["zoom"], 10, 1.5, 15, 3] },
    },
    // The street, community or cell just chosen (search, a table row): drawn over the others.
    ...HIGHLIGHT_LAYERS.map(
      ({ id, source, sourceLayer, minzoom }): LayerSpecification => ({
        id,
        type: "line",
        source,
        minzoom,
        ...(sourceLayer ? { "source-layer": sourceLayer } : {}),
        filter: highlightFilter(null),
        paint: { "line-color": HIGHLIGHT_COLOUR, "line-width": 4, "line-opacity": 0.95 },
      }),
    ),
    {
      id: "grid-cells-label",
      type: "symbol",
      source: BOUNDARY_SOURCES.cellLabels,
      "source-layer": "grid-cell-labels",
      minzoom: 15,
      layout: { "text-field": ["slice", ["get", "code"], 12], "text-size": 11 },
      paint: { "text-color": "#40566b", "text-halo-color": "#ffffff", "text-halo-width": 1 },
    },
    {
      id: "communities-label",
      type: "symbol",
      source: BOUNDARY_SOURCES.communityLabels,
      minzoom: 12.5,
      layout: { "text-field": nameField(locale), "text-size": 12 },
      paint: { "text-color": "#2c4a66", "text-halo-color": "#ffffff", "text-halo-width": 1.2 },
    },
    {
      id: "streets-label",
      type: "symbol",
      source: BOUNDARY_SOURCES.streetLabels,
      maxzoom: 13.5,
      layout: { "text-field": nameField(locale), "text-size": ["interpolate", ["linear"], ["zoom"], 10, 12, 13, 16] },
      paint: { "text-color": "#12324f", "text-halo-color": "#ffffff", "text-halo-width": 1.6 },
    },
  ] as LayerSpecification[];
}
