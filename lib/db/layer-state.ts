import { sql } from "drizzle-orm";
import { query } from "./query";
import type { Db } from "./types";

/**
 * A key naming the state of some map layers in one database: the database (its name, its oid —
 * a database dropped and made again under the same name gets a new one — and the server's start
 * time, so two databases in one process — tests, a restore — never share a key)
 * and each layer's version (migration 0003: a sequence, so a number never names two states, and a
 * rolled-back change leaves no key a later change could reuse). Values derived from those layers
 * can be cached under it and stay right without being told about edits.
 */
export async function layerStateKey(db: Db, layers: readonly string[]): Promise<string> {
  const rows = await query<{ database: string; layer: string | null; version: number | null }>(
    db,
    sql`select current_database() || '#' || (select oid from pg_database where datname = current_database())::text
                 || '@' || pg_postmaster_start_time()::text as database, v.layer, v.version::float8 as version
        from (select 1) one
        left join layer_versions v on v.layer = any(string_to_array(${layers.join(",")}, ','))
        order by v.layer`,
  );
  const database = rows[0]?.database ?? "?";
  return `${database}|${rows.map((r) => `${r.layer ?? ""}=${r.version ?? 0}`).join(",")}`;
}

/**
 * A small in-process cache of values derived from layers, keyed by `layerStateKey` plus the
 * caller's own key. Bounded: cleared when it holds more than `limit` entries (analyses ask for a
 * handful of distinct things; a burst of edits just makes old keys unreachable).
 */
export class LayerCache<T> {
  private readonly entries = new Map<string, Promise<T>>();

  constructor(
    private readonly layers: readonly string[],
    private readonly limit = 32,
  ) {}

  async get(db: Db, key: string, compute: () => Promise<T>): Promise<T> {
    const full = `${await layerStateKey(db, this.layers)}#${key}`;
    const hit = this.entries.get(full);
    if (hit) return hit;
    if (this.entries.size >= this.limit) this.entries.clear();
    // The promise is cached, so concurrent requests share one computation; a failure is not kept.
    const pending = compute();
    this.entries.set(full, pending);
    pending.catch(() => this.entries.delete(full));
    return pending;
  }
}
