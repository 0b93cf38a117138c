import { benchFetch } from "./auth";
import { getTile } from "@/lib/tiles/get-tile";
import { TILE_LAYER_IDS } from "@/lib/tiles/layers";
import type { Database } from "@/lib/db/types";
import { concurrently, percentile, summarise, type Row } from "./measure";
import type { TileAt } from "./tile-set";

const CONCURRENCY = 16;

/**
 * Per layer: the tile set over HTTP cold (first request since start) and warm (again), with 16
 * requests in flight; and, when a direct connection is given, the floor: the same tile SQL run
 * straight against the database. Sizes are the encoded tile bytes.
 */
export async function benchTiles(group: string, baseUrl: string, tiles: TileAt[], direct: Database | null, targets: { warm: number; cold: number }): Promise<Row[]> {
  const rows: Row[] = [];
  const atZ12 = tiles.filter((t) => t.z >= 12);
  for (const layer of TILE_LAYER_IDS) {
    const sizes: number[] = [];
    const fetchAll = (set: TileAt[], record: boolean) =>
      concurrently(set, CONCURRENCY, async (t) => {
        const response = await benchFetch(`${baseUrl}/api/tiles/${layer}/${t.z}/${t.x}/${t.y}.mvt`);
        const body = await response.arrayBuffer();
        if (!response.ok) throw new Error(`${layer} ${t.z}/${t.x}/${t.y}: HTTP ${response.status}`);
        if (record) sizes.push(body.byteLength);
      });
    const cold = await fetchAll(atZ12, true);
    const warm = await fetchAll(atZ12, false);
    sizes.sort((a, b) => a - b);
    const biggest = sizes[sizes.length - 1] ?? 0;
    const sizeNote = `tile size p95 ${(percentile(sizes, 0.95) / 1024).toFixed(0)} KB, max ${(biggest / 1024).toFixed(0)} KB`;
    rows.push(summarise(group, `tiles ${layer}, cold, z≥12`, cold, `p95 ≤ ${targets.cold}`, percentile(cold, 0.95) <= targets.cold, sizeNote));
    rows.push(summarise(group, `tiles ${layer}, warm, z≥12`, warm, `p95 ≤ ${targets.warm}`, percentile(warm, 0.95) <= targets.warm));
    rows.push({ group, measure: `tiles ${layer}, largest tile`, p50_ms: null, p95_ms: null, max_ms: null, n: sizes.length, target: "≤ 500 KB", ok: biggest <= 500 * 1024, detail: `${(biggest / 1024).toFixed(0)} KB` });
    if (direct) {
      const floor = await concurrently(atZ12, CONCURRENCY, async (t) => {
        await getTile(direct, layer, t, {});
      });
      const ratio = percentile(cold, 0.5) / percentile(floor, 0.5);
      rows.push(summarise(group, `tiles ${layer}, SQL floor (no HTTP)`, floor, "HTTP/SQL ≤ 1.3", ratio <= 1.3, `HTTP cold / SQL at p50 = ${ratio.toFixed(2)}`));
    }
  }
  // Low zooms: served aggregated; report their latency separately (not in the z ≥ 12 targets).
  const low = tiles.filter((t) => t.z < 12);
  for (const layer of ["events", "rental-buildings"] as const) {
    const times = await concurrently(low, CONCURRENCY, async (t) => {
      await (await benchFetch(`${baseUrl}/api/tiles/${layer}/${t.z}/${t.x}/${t.y}.mvt`)).arrayBuffer();
    });
    rows.push(summarise(group, `tiles ${layer}, z10–11 (aggregated)`, times, "", null));
  }
  return rows;
}
