import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { query } from "@/lib/db/query";
import type { Database } from "@/lib/db/types";
import { getTile, type Tile } from "./get-tile";
import type { Actor } from "@/lib/auth/actor";
import { layerScope } from "@/lib/auth/layer-access";
import { TILE_LAYERS, type TileLayerId } from "./layers";
import type { TileCoordinates, TileFilter } from "./tile-params";
import { deleteStaleTiles, readStoredTile, storeTile, type StoredTileKey } from "./tile-store";
import { TILE_FORMAT } from "./get-tile";

/**
 * Tiles keyed by the layer's data version: any committed change to a layer's table bumps the
 * version (migration 0003), which changes the ETag and misses both caches — no stale tiles.
 * Two caches: this process's memory (LRU), then the tile_cache table (migration 0018), which
 * survives restarts and is shared by every server on the database; only then the tile's query.
 */
const CACHE_LIMIT = 5000;
const cacheKey = Symbol.for("grid-atlas.tile-cache");
type GlobalWithCache = typeof globalThis & { [cacheKey]?: Map<string, Tile> };

function memory(): Map<string, Tile> {
  const g = globalThis as GlobalWithCache;
  g[cacheKey] ??= new Map();
  return g[cacheKey];
}

/** Empty this process's tile memory (tests, and the bench's "restarted server" without a restart). */
export function forgetTilesInMemory(): void {
  memory().clear();
}

/** The versions a layer's tiles depend on (its own, then those of `dependsOn`), as one string. */
export async function layerVersions(database: Database, layer: TileLayerId): Promise<string> {
  const ids = [layer, ...(TILE_LAYERS[layer].dependsOn ?? [])];
  const rows = await query<{ layer: string; version: number }>(
    database.db,
    sql`select layer, version::float8 as version from layer_versions where layer = any(string_to_array(${ids.join(",")}, ','))`,
  );
  const byLayer = new Map(rows.map((r) => [r.layer, Number(r.version)]));
  return ids.map((id) => byLayer.get(id) ?? 0).join(".");
}

/**
 * Which code made a tile: the layers' SQL and the encoder's format. Kept tiles outlive a restart,
 * so a deploy that changes what a tile holds must not be answered by tiles the old code made.
 */
const TILE_CODE = createHash("sha1").update(`${TILE_FORMAT}:${JSON.stringify(TILE_LAYERS)}`).digest("hex").slice(0, 10);

/** The data versions and the code, as kept tiles are keyed (tile_cache.versions). */
export function keptVersions(versions: string): string {
  return `${versions}~${TILE_CODE}`;
}

/**
 * The filters and the street scope as part of a cache key (scoped and unscoped tiles never mix).
 * Layers that ignore filters ignore them here too; categories in one order, each once.
 */
export function filterKey(layer: TileLayerId, filter: TileFilter, street: string | undefined): string {
  if (!TILE_LAYERS[layer].timeFiltered) return JSON.stringify(["", "", [], street ?? ""]);
  return JSON.stringify([filter.from ?? "", filter.to ?? "", [...new Set(filter.categories ?? [])].sort(), street ?? ""]);
}

/**
 * The first time this process sees a layer at a version, it deletes the layer's kept tiles of
 * every other version (they can never be asked for again), so the table holds current tiles only,
 * with or without the warmer. In the background: the answer does not wait for it.
 */
const seenVersions = new Map<TileLayerId, string>();
function forgetOlderVersions(database: Database, layer: TileLayerId, current: string): void {
  if (seenVersions.get(layer) === current) return;
  seenVersions.set(layer, current);
  deleteStaleTiles(database.db, layer, current).catch((error: unknown) => console.error(`[grid-atlas] could not forget old ${layer} tiles: ${(error as Error).message}`));
}

export interface ServedTile extends Tile {
  etag: string;
  /** Where it came from: this process's memory, the tile_cache table, or the tile's query. */
  source: "memory" | "store" | "query";
}

/**
 * A tile as `actor` may see it: the layer's read permission is checked, and a street office's
 * tiles of scoped layers hold only its street's features (the scope is part of the cache key
 * and the ETag).
 */
export async function serveTile(database: Database, actor: Actor, layer: TileLayerId, at: TileCoordinates, filter: TileFilter): Promise<ServedTile> {
  const { street } = layerScope(actor, layer);
  return tileFor(database, layer, at, filter, street);
}

/** The tile for a scope already checked (serveTile, and the warmer, which makes district tiles). */
export async function tileFor(database: Database, layer: TileLayerId, at: TileCoordinates, filter: TileFilter, street: string | undefined): Promise<ServedTile> {
  const versions = await layerVersions(database, layer);
  const stored: StoredTileKey = { layer, versions: keptVersions(versions), at, filter: filterKey(layer, filter, street) };
  forgetOlderVersions(database, layer, stored.versions);
  const key = `${layer}:${stored.versions}:${at.z}/${at.x}/${at.y}:${stored.filter}`;
  const etag = `"${layer}-${versions}-${createHash("sha1").update(key).digest("base64url").slice(0, 16)}"`;
  const tiles = memory();
  const hit = tiles.get(key);
  if (hit) {
    tiles.delete(key); // refresh its place in the LRU order
    tiles.set(key, hit);
    return { ...hit, etag, source: "memory" };
  }
  const kept = await readStoredTile(database.db, stored);
  const tile = kept ?? (await getTile(database, layer, at, { ...filter, street }));
  // Keeping it is a help, not the answer: the reader does not wait for it, and a failure to store
  // (a full disk) is logged, not the reader's error. (On one connection — PGlite, a transaction —
  // statements run in order, so a later read sees it.)
  if (!kept) void storeTile(database.db, stored, tile).catch((error: unknown) => console.error(`[grid-atlas] could not keep a ${layer} tile: ${(error as Error).message}`));
  tiles.set(key, tile);
  if (tiles.size > CACHE_LIMIT) tiles.delete(tiles.keys().next().value as string);
  return { ...tile, etag, source: kept ? "store" : "query" };
}
