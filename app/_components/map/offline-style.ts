import type { StyleSpecification } from "maplibre-gl";

/**
 * The bundled offline basemap: a plain background, so the app works with no internet. It is
 * part of the bundle rather than a file the map fetches, which saves a round trip before the
 * map can load on every page. The data layers are added by the map component.
 */
export const OFFLINE_STYLE: StyleSpecification = {
  version: 8,
  name: "Grid Atlas offline basemap",
  sources: {},
  layers: [{ id: "background", type: "background", paint: { "background-color": "#eef1f4" } }],
};
