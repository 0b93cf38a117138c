import type { BasemapConfig } from "@/app/_components/map/district-map";

/**
 * Basemap from the environment. The bundled offline style is the default, so the app works
 * with no internet. BASEMAP_STYLE_URL replaces it with any MapLibre style; BASEMAP_RASTER_TILES
 * (an XYZ template, e.g. an OSM or Tianditu tile URL) is drawn under the data layers.
 */
export function basemapConfig(): BasemapConfig {
  return {
    styleUrl: process.env.BASEMAP_STYLE_URL || null,
    rasterTiles: process.env.BASEMAP_RASTER_TILES || null,
  };
}
