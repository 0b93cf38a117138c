import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { seedDemoDistrict } from "@/db/seed";
import { defaultViewState } from "@/lib/dashboard/view-state";
import { query, queryOne } from "@/lib/db/query";
import { openTestDatabase, withRollback } from "@/lib/db/test-database";
import type { Database, Db } from "@/lib/db/types";
import { forgetTilesInMemory, keptVersions, serveTile } from "./serve-tile";
import { deleteStaleTiles } from "./tile-store";
import { warmLayer, WARM_ZOOMS } from "./warm-tiles";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

const inTx = (tx: Db): Database => ({ ...database, db: tx });
const WUMA = [120.6607, 28.0229] as const;

function tileAt(lon: number, lat: number, z: number) {
  const n = 2 ** z;
  const rad = (lat * Math.PI) / 180;
  return { z, x: Math.floor(((lon + 180) / 360) * n), y: Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n) };
}

const storedRows = (tx: Db, layer: string) =>
  query<{ z: number; x: number; y: number; versions: string; filter: string }>(tx, sql`select z, x, y, versions, filter from tile_cache where layer = ${layer}`);

describe(`the tile cache that survives restarts (${process.env.TEST_DB ?? "embedded"})`, () => {
  it("serves a tile made once from the tile_cache table when memory is gone, and makes it again after a change", async () => {
    await withRollback(database.db, async (tx) => {
      await seedDemoDistrict(tx, { scale: "test", seed: 5, anchorDate: "2026-06-30" });
      const at = tileAt(WUMA[0], WUMA[1], 14);
      forgetTilesInMemory();
      const made = await serveTile(inTx(tx), SYSTEM_ACTOR, "grid-cells", at, {});
      expect(made.source).toBe("query");
      expect(made.features).toBeGreaterThan(0);
      const [row] = await query<{ n: number; bytes: number }>(tx, sql`select count(*)::int as n, max(length(bytes))::int as bytes from tile_cache where layer = 'grid-cells' and z = 14`);
      expect(row).toEqual({ n: 1, bytes: made.bytes.length });

      // A restart: this process's memory is empty. The stored row is what is served — marked here
      // so a tile made afresh could not pass for it.
      forgetTilesInMemory();
      await tx.execute(sql`update tile_cache set features = 4242 where layer = 'grid-cells'`);
      const kept = await serveTile(inTx(tx), SYSTEM_ACTOR, "grid-cells", at, {});
      expect(kept.source).toBe("store");
      expect(kept.features).toBe(4242);
      expect(kept.etag).toBe(made.etag);
      expect(Buffer.from(kept.bytes).equals(Buffer.from(made.bytes))).toBe(true);

      // An edit to the layer: neither the memory nor the table may answer for the old version.
      await tx.execute(sql`update grid_cells set community_code = community_code where id = (select min(id) from grid_cells)`);
      const after = await serveTile(inTx(tx), SYSTEM_ACTOR, "grid-cells", at, {});
      expect(after.source).toBe("query");
      expect(after.features).toBe(made.features);
      expect(after.etag).not.toBe(made.etag);
      // The old version's row was forgotten when the new version was first seen.
      const current = keptVersions(after.etag.split("-")[2]!); // "grid-cells-<versions>-<hash>"
      expect((await storedRows(tx, "grid-cells")).map((r) => r.versions)).toEqual([current]);
      expect(await deleteStaleTiles(tx, "grid-cells", current)).toBe(0);

      // A street office's tile is kept apart from the district's.
      const office = { ...SYSTEM_ACTOR, kind: "user" as const, userId: 1, role: "street_office" as const, streetCode: "330302006000", label: "office" };
      const scoped = await serveTile(inTx(tx), office, "grid-cells", at, {});
      expect(scoped.source).toBe("query");
      expect(scoped.etag).not.toBe(after.etag);
    });
  });

  it("the warmer makes every overview tile that holds a grid cell, once, and the events tiles for the dashboard's window", async () => {
    await withRollback(database.db, async (tx) => {
      await seedDemoDistrict(tx, { scale: "test", seed: 5, anchorDate: "2026-06-30" });
      await tx.execute(sql`delete from tile_cache`);
      const made = await warmLayer(inTx(tx), "grid-cells", new Date());
      const stored = new Set((await storedRows(tx, "grid-cells")).map((r) => `${r.z}/${r.x}/${r.y}`));
      expect(made).toBe(stored.size);
      // Independently: the tiles of each cell's interior point, at every overview zoom.
      const points = await query<{ lon: number; lat: number }>(tx, sql`select ST_X(p)::float8 as lon, ST_Y(p)::float8 as lat from (select ST_PointOnSurface(geom) p from grid_cells) c`);
      expect(points.length).toBeGreaterThan(10);
      for (const z of WARM_ZOOMS) {
        for (const { lon, lat } of points) {
          const t = tileAt(lon, lat, z);
          expect(stored.has(`${t.z}/${t.x}/${t.y}`), `z${z} ${lon},${lat}`).toBe(true);
        }
      }
      expect(await warmLayer(inTx(tx), "grid-cells", new Date())).toBe(0); // all kept: nothing made twice

      // Events: the window the dashboard asks for by default, as its map writes it.
      const now = new Date();
      await warmLayer(inTx(tx), "events", now);
      const view = defaultViewState(now);
      forgetTilesInMemory();
      const t = tileAt(WUMA[0], WUMA[1], 13);
      const asked = await serveTile(inTx(tx), SYSTEM_ACTOR, "events", t, { from: `${view.from}T00:00:00+08:00`, to: `${view.to}T00:00:00+08:00` });
      expect(asked.source).toBe("store");
      const other = await serveTile(inTx(tx), SYSTEM_ACTOR, "events", t, { from: "2026-01-01", to: "2026-02-01" });
      expect(other.source).toBe("query");
      const count = await queryOne<{ n: number }>(tx, sql`select count(*)::int as n from tile_cache where layer = 'events' and z = 13 and x = ${t.x} and y = ${t.y}`);
      expect(count?.n).toBe(2);
    });
  });
});
