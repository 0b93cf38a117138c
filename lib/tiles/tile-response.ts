import type { Actor } from "@/lib/auth/actor";
import type { Database } from "@/lib/db/types";
import { NotFoundError } from "@/lib/http/errors";
import { searchParamsObject } from "@/lib/http/search-params";
import { isTileLayerId, TILE_LAYER_IDS } from "./layers";
import { serveTile } from "./serve-tile";
import { TileCoordinates, TileFilter } from "./tile-params";

export interface TileAnswer {
  status: 200 | 304;
  headers: Record<string, string>;
  body: Uint8Array | null;
}

/**
 * The answer to GET /api/tiles/{layer}/{z}/{x}/{y}.mvt for a known actor: the Next route and the
 * server's tile fast path (fast-path.ts) both answer through here. Bad input throws (the route
 * turns it into a 4xx; the fast path leaves such requests to the route).
 */
export async function answerTile(database: Database, actor: Actor, params: { layer: string; z: string; x: string; y: string }, url: URL, ifNoneMatch: string | null): Promise<TileAnswer> {
  const { layer, ...coordinates } = params;
  if (!isTileLayerId(layer)) throw new NotFoundError(`unknown layer "${layer}"; layers: ${TILE_LAYER_IDS.join(", ")}`);
  const at = TileCoordinates.parse(coordinates);
  const filter = TileFilter.parse(searchParamsObject(url));
  const tile = await serveTile(database, actor, layer, at, filter);
  const headers: Record<string, string> = {
    "Content-Type": "application/vnd.mapbox-vector-tile",
    // Revalidate every time: the ETag changes as soon as the layer's data does. Private: tiles
    // depend on who asks (street scopes), so shared caches must not keep them.
    "Cache-Control": "private, max-age=0, must-revalidate",
    ETag: tile.etag,
    "X-Tile-Features": String(tile.features),
    ...(tile.capped ? { "X-Tile-Capped": "true" } : {}),
  };
  if (ifNoneMatch === tile.etag) return { status: 304, headers, body: null };
  return { status: 200, headers, body: tile.bytes.length ? tile.bytes : null };
}
