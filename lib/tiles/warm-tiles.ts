import { sql } from "drizzle-orm";
import { startBackgroundJob, type BackgroundJob } from "@/lib/maintenance/background-job";
import type { Database } from "@/lib/db/types";
import { queryOne } from "@/lib/db/query";
import { defaultViewState } from "@/lib/dashboard/view-state";
import { TILE_LAYER_IDS, TILE_LAYERS, type TileLayerId } from "./layers";
import { layerVersions, tileFor } from "./serve-tile";
import type { TileCoordinates, TileFilter } from "./tile-params";

/** The overview zooms: what the district and street views open at. Closer tiles are kept once asked for. */
export const WARM_ZOOMS = [10, 11, 12, 13, 14] as const;
const POLL_MS = 5_000;
/** A layer that keeps changing (an import, a busy hour of reports) is made again at most this often. */
const MIN_REWARM_MS = 60_000;

/** The events window the dashboard opens with (the last 13 weeks), as its map asks for it. */
export function defaultEventsFilter(now: Date): TileFilter {
  const view = defaultViewState(now);
  return { from: `${view.from}T00:00:00+08:00`, to: `${view.to}T00:00:00+08:00` };
}

/** Every tile at the overview zooms that touches the district's extent, for one layer. */
export async function districtTiles(database: Database, layer: TileLayerId): Promise<TileCoordinates[]> {
  const box = await queryOne<{ w: number | null; s: number; e: number; n: number }>(
    database.db,
    sql`select ST_XMin(b)::float8 as w, ST_YMin(b)::float8 as s, ST_XMax(b)::float8 as e, ST_YMax(b)::float8 as n
        from (select ST_Extent(geom) as b from streets) x`,
  );
  if (!box || box.w === null) return [];
  const tiles: TileCoordinates[] = [];
  for (const z of WARM_ZOOMS) {
    if (z < TILE_LAYERS[layer].minzoom) continue;
    const [x0, y0] = tileXY(box.w, box.n, z);
    const [x1, y1] = tileXY(box.e, box.s, z);
    for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) tiles.push({ z, x, y });
  }
  return tiles;
}

function tileXY(lon: number, lat: number, z: number): [number, number] {
  const n = 2 ** z;
  const r = (lat * Math.PI) / 180;
  return [Math.floor(((lon + 180) / 360) * n), Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n)];
}

/**
 * Make one layer's overview tiles for the whole district (no street scope) unless already kept
 * (tileFor also forgets the layer's tiles of older versions). One tile at a time, so people's
 * requests are never queued behind more than one warming query. Returns how many tiles were made.
 */
export async function warmLayer(database: Database, layer: TileLayerId, now: Date, stopped: () => boolean = () => false): Promise<number> {
  const filter = TILE_LAYERS[layer].timeFiltered ? defaultEventsFilter(now) : {};
  let made = 0;
  for (const at of await districtTiles(database, layer)) {
    if (stopped()) break;
    if ((await tileFor(database, layer, at, filter, undefined)).source === "query") made++;
  }
  return made;
}

/**
 * The server's tile warmer: shortly after start, and whenever a layer's version has changed and
 * then stayed the same for one poll (so an import is warmed once, when it is done), it makes the
 * layer's overview tiles, so the first visitor after a restart or an edit finds them made.
 */
export function startTileWarmer(database: () => Promise<Database>): BackgroundJob {
  const warmed = new Map<TileLayerId, { versions: string; at: number }>();
  const seen = new Map<TileLayerId, string>();
  const pass = async (stopped: () => boolean): Promise<void> => {
    let db: Database;
    try {
      db = await database();
    } catch {
      return; // the database is not open (yet): the server says why; the next poll tries again
    }
    for (const layer of TILE_LAYER_IDS) {
      if (stopped()) return;
      try {
        // What to make depends on the layer's data, the district's extent (the streets) and, for
        // events, the window, which moves at midnight: any of them changing warms the layer again.
        const now = new Date();
        const filter = TILE_LAYERS[layer].timeFiltered ? JSON.stringify(defaultEventsFilter(now)) : "";
        const versions = `${await layerVersions(db, layer)}|${await layerVersions(db, "streets")}|${filter}`;
        const settled = seen.get(layer) === versions;
        seen.set(layer, versions);
        const last = warmed.get(layer);
        if (!settled || last?.versions === versions || (last && Date.now() - last.at < MIN_REWARM_MS)) continue;
        const started = Date.now();
        const made = await warmLayer(db, layer, now, stopped);
        warmed.set(layer, { versions, at: Date.now() });
        if (made > 0) console.log(`[grid-atlas] tiles: ${made} ${layer} tiles made in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      } catch (error) {
        // One layer failing (a statement timeout) does not keep the others cold; it is tried
        // again once its minimum interval has passed.
        warmed.set(layer, { versions: "", at: Date.now() });
        console.error(`[grid-atlas] tile warmer, ${layer}: ${(error as Error).message}`);
      }
    }
  };
  return startBackgroundJob("tile warmer", POLL_MS, pass, POLL_MS);
}
