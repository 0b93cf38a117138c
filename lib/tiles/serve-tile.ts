import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { queryOne } from "@/lib/db/query";
import type { Database } from "@/lib/db/types";
import { getTile, type Tile } from "./get-tile";
import type { Actor } from "@/lib/auth/actor";
import { layerScope } from "@/lib/auth/layer-access";
import { TILE_LAYERS, type TileLayerId } from "./layers";
import type { TileCoordinates, TileFilter } from "./tile-params";

/**
 * Tiles keyed by the layer's data version: any committed change to a layer's table bumps the
 * version (migration 0003), which changes the ETag and misses this cache — no stale tiles.
 */
const CACHE_LIMIT = 5000;
const cacheKey = Symbol.for("grid-atlas.tile-cache");
type GlobalWithCache = typeof globalThis & { [cacheKey]?: Map<string, Tile> };

function cache(): Map<string, Tile> {
  const g = globalThis as GlobalWithCache;
  g[cacheKey] ??= new Map();
  return g[cacheKey];
}

export async function layerVersion(database: Database, layer: TileLayerId): Promise<number> {
  const row = await queryOne<{ version: number }>(database.db, sql`select version::float8 as version from layer_versions where layer = ${layer}`);
  return Number(row?.version ?? 0);
}

export interface ServedTile extends Tile {
  etag: string;
  cached: boolean;
}

/**
 * A tile as `actor` may see it: the layer's read permission is checked, and a street office's
 * tiles of scoped layers hold only its street's features (the scope is part of the cache key
 * and the ETag, so scoped and unscoped tiles never mix).
 */
export async function serveTile(database: Database, actor: Actor, layer: TileLayerId, at: TileCoordinates, filter: TileFilter): Promise<ServedTile> {
  const { street } = layerScope(actor, layer);
  const versions = await Promise.all([layer, ...(TILE_LAYERS[layer].dependsOn ?? [])].map((id) => layerVersion(database, id)));
  const version = versions.join(".");
  const filterKey = JSON.stringify([filter.from ?? "", filter.to ?? "", filter.categories ?? [], street ?? ""]);
  const key = `${layer}:${version}:${at.z}/${at.x}/${at.y}:${filterKey}`;
  const etag = `"${layer}-${version}-${createHash("sha1").update(key).digest("base64url").slice(0, 16)}"`;
  const tiles = cache();
  const hit = tiles.get(key);
  if (hit) {
    tiles.delete(key); // refresh its place in the LRU order
    tiles.set(key, hit);
    return { ...hit, etag, cached: true };
  }
  const tile = await getTile(database, layer, at, { ...filter, street });
  tiles.set(key, tile);
  if (tiles.size > CACHE_LIMIT) tiles.delete(tiles.keys().next().value as string);
  return { ...tile, etag, cached: false };
}
