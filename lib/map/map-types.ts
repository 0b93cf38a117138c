import type { FeatureCollection } from "geojson";

/**
 * Types the map shares with the pages that feed it and the server config that sets it up: plain
 * types with no React or MapLibre, so lib/ never imports from app/.
 */

export interface BasemapConfig {
  /** A full MapLibre style URL replacing the bundled offline style. */
  styleUrl: string | null;
  /** An XYZ raster tile template shown under the data layers. */
  rasterTiles: string | null;
  /** Where the app serves an offline PMTiles basemap (BASEMAP_PMTILES), or null. */
  pmtiles: string | null;
}

export type OverlayKind = "density" | "coverage" | "hotspots" | "emerging";
export interface OverlayData {
  kind: OverlayKind;
  /** Features with flat properties (code, and gi_bin / category / gap / per_km2). */
  collection: FeatureCollection;
  /** Colour stops of the density ramp (events per km²), from the data. */
  densityStops: number[];
  /**
   * The units are the district's grid cells: the map colours the grid-cell tiles it already has
   * by code (feature state) instead of drawing the collection's 10,000+ polygons a second time.
   * Hexagons and kernel surfaces have shapes of their own and are drawn from the collection.
   */
  joined: boolean;
}

/** A clicked map feature: the layer it came from and its properties. */
export interface PickedFeature {
  layer: string;
  properties: Record<string, unknown>;
}

/** West, south, east, north in degrees. */
export type Bounds = [number, number, number, number];
