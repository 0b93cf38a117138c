import type { BasemapConfig } from "@/lib/map/map-types";

/**
 * Basemap from the environment. The bundled offline style is the default, so the app works
 * with no internet. BASEMAP_PMTILES (a local PMTiles archive, e.g. the district cut out of the
 * Protomaps basemap) is served by the app and drawn under the data with Chinese labels;
 * BASEMAP_STYLE_URL replaces the style with any MapLibre style; BASEMAP_RASTER_TILES (an XYZ
 * template, e.g. an OSM or Tianditu tile URL) is drawn under the data layers.
 */
export function basemapConfig(): BasemapConfig {
  return {
    styleUrl: process.env.BASEMAP_STYLE_URL || null,
    rasterTiles: process.env.BASEMAP_RASTER_TILES || null,
    pmtiles: process.env.BASEMAP_PMTILES ? PMTILES_PATH : null,
  };
}

/** Where the browser reads the archive (the file's own path stays on the server). */
export const PMTILES_PATH = "/api/basemap/archive.pmtiles";
