import { benchFetch } from "./auth";
import { getTile } from "@/lib/tiles/get-tile";
import { TILE_LAYER_IDS, type TileLayerId } from "@/lib/tiles/layers";
import type { Database } from "@/lib/db/types";
import { concurrently, percentile, summarise, type Row } from "./measure";
import type { RunningServer } from "./server";
import type { TileAt } from "./tile-set";

const CONCURRENCY = 16;

/**
 * Per layer, with 16 requests in flight, the tile set at z ≥ 12 and at z10–11:
 * - **uncached**: the first request for each tile on a server whose tile cache is empty — what
 *   the first user gets after an edit to the layer (its version changes) or with a new filter;
 * - **after a restart**: the server restarted (its memory empty), the tile_cache table kept;
 * - **warm**: the same tiles again;
 * - with a direct connection, the SQL floor: the same tile queries straight against the database,
 *   and HTTP/SQL = uncached HTTP p50 / SQL p50 (what the request path adds).
 * The server must run without the tile warmer (TILE_WARMER=off), so nothing else is working.
 * Sizes are the encoded tile bytes. Returns the rows and the restarted server.
 */
export async function benchTiles(
  group: string,
  server: RunningServer,
  signIn: (url: string) => Promise<void>,
  tiles: TileAt[],
  direct: Database | null,
  targets: { warm: number; cold: number; coldLow: number },
): Promise<{ rows: Row[]; server: RunningServer }> {
  const rows: Row[] = [];
  const high = tiles.filter((t) => t.z >= 12);
  const low = tiles.filter((t) => t.z < 12);
  const sizes = new Map<TileLayerId, number[]>();
  const pass = (url: string, layer: TileLayerId, set: TileAt[], record: boolean) =>
    concurrently(set, CONCURRENCY, async (t) => {
      const response = await benchFetch(`${url}/api/tiles/${layer}/${t.z}/${t.x}/${t.y}.mvt`).catch((error: Error) => {
        throw new Error(`${layer} ${t.z}/${t.x}/${t.y}: ${error.message} (${String((error.cause as { code?: string } | undefined)?.code ?? error.cause)})`);
      });
      const body = await response.arrayBuffer();
      if (!response.ok) throw new Error(`${layer} ${t.z}/${t.x}/${t.y}: HTTP ${response.status}`);
      if (record) sizes.set(layer, [...(sizes.get(layer) ?? []), body.byteLength]);
    });
  // A just-started server loads its route code and compiles it on its first requests; that is paid
  // once per start, not per tile: a few requests outside the set (z8, not measured) go first.
  const warmUpServer = (url: string) => concurrently(TILE_LAYER_IDS.slice(), 4, async (layer) => void (await (await benchFetch(`${url}/api/tiles/${layer}/8/213/111.mvt`)).arrayBuffer()));
  await warmUpServer(server.url);
  const uncached = new Map<TileLayerId, { high: number[]; low: number[] }>();
  for (const layer of TILE_LAYER_IDS) uncached.set(layer, { high: await pass(server.url, layer, high, true), low: await pass(server.url, layer, low, false) });
  console.log("  restarting the server (the tile_cache table is kept)…");
  const restarted = await server.restart();
  await signIn(restarted.url);
  await warmUpServer(restarted.url);
  for (const layer of TILE_LAYER_IDS) {
    const first = uncached.get(layer)!;
    const afterRestart = await pass(restarted.url, layer, high, false);
    const afterRestartLow = await pass(restarted.url, layer, low, false);
    const warm = await pass(restarted.url, layer, high, false);
    const layerSizes = (sizes.get(layer) ?? []).sort((a, b) => a - b);
    const biggest = layerSizes[layerSizes.length - 1] ?? 0;
    const sizeNote = `tile size p95 ${(percentile(layerSizes, 0.95) / 1024).toFixed(0)} KB, max ${(biggest / 1024).toFixed(0)} KB`;
    const p95 = (times: number[]) => percentile(times, 0.95);
    rows.push(summarise(group, `tiles ${layer}, uncached, z≥12`, first.high, `p95 ≤ ${targets.cold}`, p95(first.high) <= targets.cold, sizeNote));
    rows.push(summarise(group, `tiles ${layer}, uncached, z10–11`, first.low, `p95 ≤ ${targets.coldLow}`, p95(first.low) <= targets.coldLow));
    rows.push(summarise(group, `tiles ${layer}, after a restart, z≥12`, afterRestart, `p95 ≤ ${targets.cold}`, p95(afterRestart) <= targets.cold));
    rows.push(summarise(group, `tiles ${layer}, after a restart, z10–11`, afterRestartLow, `p95 ≤ ${targets.coldLow}`, p95(afterRestartLow) <= targets.coldLow));
    rows.push(summarise(group, `tiles ${layer}, warm, z≥12`, warm, `p95 ≤ ${targets.warm}`, p95(warm) <= targets.warm));
    rows.push({ group, measure: `tiles ${layer}, largest tile`, p50_ms: null, p95_ms: null, max_ms: null, n: layerSizes.length, target: "≤ 500 KB", ok: biggest <= 500 * 1024, detail: `${(biggest / 1024).toFixed(0)} KB` });
    if (direct) {
      const floor = await concurrently(high, CONCURRENCY, async (t) => {
        await getTile(direct, layer, t, {});
      });
      const ratio = percentile(first.high, 0.5) / percentile(floor, 0.5);
      rows.push(summarise(group, `tiles ${layer}, SQL floor (no HTTP)`, floor, "HTTP/SQL ≤ 1.3", ratio <= 1.3, `HTTP uncached / SQL at p50 = ${ratio.toFixed(2)}`));
    }
  }
  return { rows, server: restarted };
}
