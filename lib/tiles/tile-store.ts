import { sql } from "drizzle-orm";
import { query, queryOne } from "@/lib/db/query";
import type { Db } from "@/lib/db/types";
import type { Tile } from "./get-tile";
import type { TileCoordinates } from "./tile-params";

/**
 * The tile cache that survives restarts (migration 0018): one row per tile made, keyed like the
 * in-process cache. Reading a stored tile is one primary-key lookup, so the first request after a
 * restart costs what a warm one does rather than the tile's query.
 */
export interface StoredTileKey {
  layer: string;
  versions: string;
  at: TileCoordinates;
  /** The filters and street scope, as one string (serve-tile.ts makes it). */
  filter: string;
}

export async function readStoredTile(db: Db, key: StoredTileKey): Promise<Tile | null> {
  const row = await queryOne<{ bytes: Uint8Array; features: number; capped: boolean }>(
    db,
    sql`select bytes, features, capped from tile_cache
        where layer = ${key.layer} and z = ${key.at.z} and x = ${key.at.x} and y = ${key.at.y} and filter = ${key.filter} and versions = ${key.versions}`,
  );
  return row ? { bytes: new Uint8Array(row.bytes), features: Number(row.features), capped: row.capped } : null;
}

/**
 * Keep a tile; a second server that made the same tile first wins (same key, same bytes). Sent as
 * base64, which both drivers pass the same way (as event photos are).
 */
export async function storeTile(db: Db, key: StoredTileKey, tile: Tile): Promise<void> {
  await db.execute(
    sql`insert into tile_cache (layer, versions, z, x, y, filter, bytes, features, capped)
        values (${key.layer}, ${key.versions}, ${key.at.z}, ${key.at.x}, ${key.at.y}, ${key.filter}, decode(${Buffer.from(tile.bytes).toString("base64")}, 'base64'), ${tile.features}, ${tile.capped})
        on conflict do nothing`,
  );
}

/** Forget a layer's tiles made on versions other than `current`: they can never be asked for again. */
export async function deleteStaleTiles(db: Db, layer: string, current: string): Promise<number> {
  const rows = await query<{ n: number }>(db, sql`with d as (delete from tile_cache where layer = ${layer} and versions <> ${current} returning 1) select count(*)::int as n from d`);
  return rows[0]?.n ?? 0;
}
