import { TILE_LAYERS, type TileLayerId } from "./layers";
import { MAX_ZOOM } from "./tile-params";

/** TileJSON 3.0.0 for one layer; `query` (filters) is carried into the tile URL template. */
export function tileJson(layerId: TileLayerId, origin: string, query: string, bounds: [number, number, number, number] | null) {
  const layer = TILE_LAYERS[layerId];
  return {
    tilejson: "3.0.0",
    name: layerId,
    scheme: "xyz",
    tiles: [`${origin}/api/tiles/${layerId}/{z}/{x}/{y}.mvt${query ? `?${query}` : ""}`],
    minzoom: layer.minzoom,
    maxzoom: MAX_ZOOM,
    ...(bounds ? { bounds } : {}),
    vector_layers: [
      {
        id: layerId,
        fields: layer.fields,
        minzoom: layer.minzoom,
        maxzoom: MAX_ZOOM,
        description:
          layer.aggregateBelow !== undefined
            ? `points aggregated to ${16}-pixel bins (property "count") below zoom ${layer.aggregateBelow}`
            : undefined,
      },
    ],
  };
}
