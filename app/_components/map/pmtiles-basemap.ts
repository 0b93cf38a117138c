import { layers, namedFlavor } from "@protomaps/basemaps";
import { addProtocol, type LayerSpecification, type StyleSpecification } from "maplibre-gl";
import { Protocol } from "pmtiles";
import type { Locale } from "@/lib/i18n/messages";

/** The source id of the offline basemap; the map keeps its layers when it rebuilds the data layers. */
export const BASEMAP_SOURCE = "protomaps";

// Layers that draw sprite icons (one-way arrows, road shields, POI icons): the offline archive
// comes without a sprite sheet, and our own POI layer draws places of interest.
const ICON_LAYERS = new Set(["roads_oneway", "roads_shields", "pois"]);

let registered = false;

/**
 * A style drawing the PMTiles archive the app serves (BASEMAP_PMTILES) in the Protomaps "light"
 * flavour, labels in simplified Chinese first (or English). Text is drawn with the browser's own
 * fonts (MapLibre's local glyphs), so no font server is needed either.
 */
export function pmtilesStyle(archivePath: string, locale: Locale): StyleSpecification {
  if (!registered) {
    addProtocol("pmtiles", new Protocol().tile);
    registered = true;
  }
  const styled = layers(BASEMAP_SOURCE, namedFlavor("light"), { lang: locale === "zh" ? "zh-Hans" : "en" });
  // Chinese names: the Protomaps tiles' name:zh-Hans, else OSM's own name:zh (what a district's own
  // extract often carries), before any fallback to the local or English name.
  const zhFirst = JSON.parse(JSON.stringify(styled).replaceAll('["get","name:zh-Hans"]', '["coalesce",["get","name:zh-Hans"],["get","name:zh"]]')) as typeof styled;
  const basemap = zhFirst
    .filter((layer) => !ICON_LAYERS.has(layer.id))
    .map((layer) => {
      if (layer.type !== "symbol" || !layer.layout || !("icon-image" in layer.layout)) return layer;
      const { "icon-image": _icon, ...layout } = layer.layout;
      return { ...layer, layout } as LayerSpecification;
    });
  return {
    version: 8,
    sources: {
      [BASEMAP_SOURCE]: {
        type: "vector",
        url: `pmtiles://${window.location.origin}${archivePath}`,
        attribution: "© OpenStreetMap contributors · Protomaps",
      },
    },
    layers: basemap as LayerSpecification[],
  };
}
