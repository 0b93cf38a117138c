// GET /api/tiles/{layer}/{z}/{x}/{y}.mvt[?from=&to=&categories=] → Mapbox Vector Tile (street offices: own street)
import { NotFoundError } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { searchParamsObject } from "@/lib/http/search-params";
import { isTileLayerId, TILE_LAYER_IDS } from "@/lib/tiles/layers";
import { serveTile } from "@/lib/tiles/serve-tile";
import { TileCoordinates, TileFilter } from "@/lib/tiles/tile-params";

export const dynamic = "force-dynamic";

export const GET = route<{ layer: string; z: string; x: string; y: string }>(async ({ request, params, actor, database }) => {
  const { layer, ...coordinates } = params;
  if (!isTileLayerId(layer)) throw new NotFoundError(`unknown layer "${layer}"; layers: ${TILE_LAYER_IDS.join(", ")}`);
  const at = TileCoordinates.parse(coordinates);
  const filter = TileFilter.parse(searchParamsObject(new URL(request.url)));
  const tile = await serveTile(database, actor, layer, at, filter);
  const headers = {
    "Content-Type": "application/vnd.mapbox-vector-tile",
    // Revalidate every time: the ETag changes as soon as the layer's data does. Private: tiles
    // depend on who asks (street scopes), so shared caches must not keep them.
    "Cache-Control": "private, max-age=0, must-revalidate",
    ETag: tile.etag,
    "X-Tile-Features": String(tile.features),
    ...(tile.capped ? { "X-Tile-Capped": "true" } : {}),
  };
  if (request.headers.get("if-none-match") === tile.etag) return new Response(null, { status: 304, headers });
  return new Response(tile.bytes.length ? Buffer.from(tile.bytes) : null, { status: 200, headers });
});
