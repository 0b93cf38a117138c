import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { VectorTile } from "@mapbox/vector-tile";
import { PbfReader as Protobuf } from "pbf";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoDistrict } from "@/db/seed";
import { jsonColumn, query, queryOne } from "@/lib/db/query";
import { geoJSONToTile } from "@maplibre/geojson-vt";
import type { Geometry } from "geojson";
import { openTestDatabase, withRollback } from "@/lib/db/test-database";
import type { Database, Db } from "@/lib/db/types";
import { encoders, getTile } from "./get-tile";
import { TILE_LAYER_IDS, TILE_LAYERS } from "./layers";
import { serveTile } from "./serve-tile";
import { TileCoordinates } from "./tile-params";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

/** The tile at a zoom that holds a lon/lat (Web Mercator XYZ). */
function tileAt(lon: number, lat: number, z: number) {
  const n = 2 ** z;
  const rad = (lat * Math.PI) / 180;
  return { z, x: Math.floor(((lon + 180) / 360) * n), y: Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n) };
}

function decode(bytes: Uint8Array) {
  const tile = new VectorTile(new Protobuf(bytes));
  return Object.fromEntries(
    Object.entries(tile.layers).map(([name, layer]) => [
      name,
      Array.from({ length: layer.length }, (_, i) => {
        const f = layer.feature(i);
        return { type: f.type, properties: f.properties, geometry: f.loadGeometry() };
      }),
    ]),
  );
}

const inTx = (tx: Db): Database => ({ ...database, db: tx });
const WUMA = [120.6607, 28.0229] as const;

/** The test district, and one building outline around 五马's centre (the demo has none). */
async function seedWithOutline(tx: Db): Promise<void> {
  await seedDemoDistrict(tx, { scale: "test", seed: 5, anchorDate: "2026-06-30" });
  const [x, y] = WUMA;
  await tx.execute(sql`insert into building_footprints (floors, geom)
    values (5, ST_Multi(ST_MakeEnvelope(${x - 0.0002}::float8, ${y - 0.0002}::float8, ${x + 0.0002}::float8, ${y + 0.0002}::float8, 4326)))`);
}

describe(`vector tiles (${process.env.TEST_DB ?? "embedded"})`, () => {
  it("every layer gives a valid MVT with its features and properties", async () => {
    await withRollback(database.db, async (tx) => {
      await seedWithOutline(tx);
      for (const id of TILE_LAYER_IDS) {
        const at = tileAt(WUMA[0], WUMA[1], id === "events" ? 16 : id === "rental-buildings" || id === "footprints" || id === "grid-cell-labels" ? 15 : 12);
        // (raw points: events from z16, rental buildings from z15; outlines and cell labels from z14)
        const tile = await getTile(inTx(tx), id, at, {});
        const layers = decode(tile.bytes);
        expect(Object.keys(layers), id).toEqual([id]);
        const features = layers[id]!;
        expect(features.length, id).toBeGreaterThan(0);
        const expected = Object.keys(TILE_LAYERS[id].fields).filter((f) => f !== "count").sort();
        const withAll = features.find((f) => Object.keys(f.properties).length === expected.length) ?? features[0]!;
        expect(Object.keys(withAll.properties).sort(), id).toEqual(expected);
        const type = TILE_LAYERS[id].geometry === "point" ? 1 : TILE_LAYERS[id].geometry === "line" ? 2 : 3;
        expect(features.every((f) => f.type === type), id).toBe(true);
      }
    });
  });

  it("anchors each cell's label in exactly one tile, however the tile edges cut the cell", async () => {
    await withRollback(database.db, async (tx) => {
      await seedDemoDistrict(tx, { scale: "test", seed: 5, anchorDate: "2026-06-30" });
      // A 3 × 3 block of z15 tiles around 五马: cells there are cut by several tile edges.
      const centre = tileAt(WUMA[0], WUMA[1], 15);
      const anchored: string[] = [];
      const pieces: string[] = [];
      for (const dx of [-1, 0, 1]) {
        for (const dy of [-1, 0, 1]) {
          const at = { z: 15, x: centre.x + dx, y: centre.y + dy };
          const labels = decode((await getTile(inTx(tx), "grid-cell-labels", at, {})).bytes)["grid-cell-labels"] ?? [];
          // MapLibre draws a point symbol only when its anchor lies inside the tile (0 ≤ x, y < 4096).
          for (const f of labels) {
            const p = f.geometry[0]![0]!;
            if (p.x >= 0 && p.x < 4096 && p.y >= 0 && p.y < 4096) anchored.push(String(f.properties.code));
          }
          const cells = decode((await getTile(inTx(tx), "grid-cells", at, {})).bytes)["grid-cells"] ?? [];
          pieces.push(...cells.map((f) => String(f.properties.code)));
        }
      }
      // The polygons: some cell is in several tiles (so labelling pieces would repeat its label).
      expect(pieces.length).toBeGreaterThan(new Set(pieces).size);
      // The labels: no cell twice, and every cell wholly inside the block has its label.
      expect(anchored.length).toBeGreaterThan(0);
      expect(anchored.length).toBe(new Set(anchored).size);
      const block = sql`ST_Envelope(ST_Collect(ST_TileEnvelope(15, ${centre.x - 1}::int, ${centre.y - 1}::int), ST_TileEnvelope(15, ${centre.x + 1}::int, ${centre.y + 1}::int)))`;
      const whole = (await query<{ code: string }>(tx, sql`select code from grid_cells where ST_Within(ST_Transform(geom, 3857), ${block})`)).map((r) => r.code);
      expect(whole.length).toBeGreaterThan(0);
      for (const code of whole) expect(anchored, code).toContain(code);
    });
  });

  it("aggregates points at low zoom (planted counts come back whole) and applies time and category filters", async () => {
    await withRollback(database.db, async (tx) => {
      await seedDemoDistrict(tx, { scale: "test", seed: 5, anchorDate: "2026-06-30" });
      // Planted: 5 events at 五马's centre and 3 in the next grid cell, in a month no seeded event falls in.
      const [x, y] = WUMA;
      const centre = sql`ST_SetSRID(ST_MakePoint(${x}, ${y}), 4326)`;
      const next = await queryOne<{ x: number; y: number }>(
        tx,
        sql`select ST_X(p) as x, ST_Y(p) as y from (select ST_PointOnSurface(geom) as p, geom from grid_cells where not ST_Intersects(geom, ${centre})
            order by geom <-> ${centre} limit 1) c`,
      );
      const planted = [[x, y, 5], [Number(next!.x), Number(next!.y), 3]] as const;
      for (const [lon, lat, n] of planted) {
        await tx.execute(sql`insert into events (geom, occurred_at, category, source)
          select ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326), '2030-01-10T09:00:00+08:00', 'complaint', 'hotline' from generate_series(1, ${n}::int)`);
      }
      const january = { from: "2030-01-01T00:00:00+08:00", to: "2030-02-01T00:00:00+08:00" };
      // Below z14, one point per grid cell carrying its count; at z14–15, binned points. Each
      // tile holding a planted place shows its count (both, when they share the tile).
      for (const z of [11, 13, 15]) {
        const tiles = new Map<string, number[]>();
        for (const [lon, lat, n] of planted) {
          const at = tileAt(lon, lat, z);
          tiles.set(JSON.stringify(at), [...(tiles.get(JSON.stringify(at)) ?? []), n]);
        }
        for (const [at, counts] of tiles) {
          const tile = decode((await getTile(inTx(tx), "events", JSON.parse(at), january)).bytes).events ?? [];
          expect(tile.every((f) => Object.keys(f.properties).join() === "count"), `z${z}`).toBe(true);
          expect(tile.map((f) => Number(f.properties.count)).sort(), `z${z}`).toEqual(counts.sort());
        }
      }

      const filtered = decode(
        (await getTile(inTx(tx), "events", tileAt(WUMA[0], WUMA[1], 16), { categories: ["patrol_checkin"], from: "2025-06-30", to: "2026-06-30" })).bytes,
      ).events ?? [];
      expect(filtered.length).toBeGreaterThan(0);
      expect(filtered.every((f) => f.properties.category === "patrol_checkin")).toBe(true);
      expect(filtered.every((f) => String(f.properties.occurred_at) >= "2025-06-30")).toBe(true);
      const none = await getTile(inTx(tx), "events", tileAt(WUMA[0], WUMA[1], 15), { from: "2001-01-01", to: "2001-02-01" });
      expect(none.bytes.length).toBe(0); // a filter that matches nothing gives an empty tile, not an error
    });
  });

  it("changes the ETag when the layer's data changes", async () => {
    await withRollback(database.db, async (tx) => {
      await seedDemoDistrict(tx, { scale: "test", seed: 5, anchorDate: "2026-06-30" });
      const at = tileAt(WUMA[0], WUMA[1], 15);
      const before = await serveTile(inTx(tx), SYSTEM_ACTOR, "events", at, {});
      const again = await serveTile(inTx(tx), SYSTEM_ACTOR, "events", at, {});
      expect(again.etag).toBe(before.etag);
      expect(again.source).toBe("memory");
      await tx.execute(sql`insert into events (geom, occurred_at, category, source) values (ST_SetSRID(ST_MakePoint(${WUMA[0]}, ${WUMA[1]}), 4326), now(), 'complaint', 'hotline')`);
      const after = await serveTile(inTx(tx), SYSTEM_ACTOR, "events", at, {});
      expect(after.etag).not.toBe(before.etag);
      expect(after.source).toBe("query");
    });
  });

  it("every layer's tile holds what an independent tiler (geojson-vt) makes of the same rows", async () => {
    // The rows as plain GeoJSON in degrees, cut and encoded by geojson-vt (MapLibre's own tiler):
    // the encoder in use on this database (Node's on PGlite, ST_AsMVT on PostgreSQL) must give
    // the same features with the same properties. Runs on both databases.
    await withRollback(database.db, async (tx) => {
      await seedWithOutline(tx);
      const [x, y] = WUMA;
      const key = (f: { type: number; properties: Record<string, unknown> }) =>
        JSON.stringify([f.type, Object.entries(f.properties).filter(([, v]) => v !== null).sort(([a], [b]) => a.localeCompare(b))]);
      for (const id of TILE_LAYER_IDS) {
        const layer = TILE_LAYERS[id];
        const z = layer.aggregateBelow ?? Math.max(layer.minzoom, 13); // raw features, never the count grid
        const at = tileAt(x, y, z);
        const ours = decode((await getTile(inTx(tx), id, at, {})).bytes)[id] ?? [];
        const rows = await query<{ geometry: Geometry | string; properties: Record<string, unknown> | string }>(
          tx,
          sql`select ST_AsGeoJSON(${layer.point ?? sql`t.geom`}, 9)::json as geometry, to_json(p) as properties
              from ${layer.from} cross join lateral (select ${layer.properties}) p
              where t.geom && ST_Transform(ST_TileEnvelope(${z}::int, ${at.x}::int, ${at.y}::int, margin => ${64 / 4096}::float8), 4326)`,
        );
        const collection = { type: "FeatureCollection" as const, features: rows.map((r) => ({ type: "Feature" as const, geometry: jsonColumn(r.geometry), properties: jsonColumn(r.properties) })) };
        const theirs = (geoJSONToTile(collection, z, at.x, at.y, { extent: 4096, buffer: 64, clip: true })?.features ?? []).map((f) => ({ type: f.type, properties: f.tags ?? {} }));
        expect(theirs.length, id).toBeGreaterThan(0);
        // Features clipped to a sliver may survive one tiler's simplification and not the other's; allow 2 %.
        expect(Math.abs(ours.length - theirs.length), `${id} z${z}: ${ours.length} vs ${theirs.length}`).toBeLessThanOrEqual(Math.ceil(theirs.length * 0.02));
        const ourKeys = new Set(ours.map(key));
        const shared = theirs.filter((f) => ourKeys.has(key(f))).length;
        expect(shared, `${id} z${z}`).toBeGreaterThanOrEqual(Math.floor(theirs.length * 0.98));
      }
    });
  });

  it.skipIf(process.env.TEST_DB !== "postgres")("ST_AsMVT and the Node encoder give the same features and properties", async () => {
    await withRollback(database.db, async (tx) => {
      await seedDemoDistrict(tx, { scale: "test", seed: 5, anchorDate: "2026-06-30" });
      for (const id of TILE_LAYER_IDS) {
        for (const z of [11, 13, 16]) {
          const at = tileAt(WUMA[0], WUMA[1], z);
          const a = decode((await encoders.asMvt(inTx(tx), id, at, {})).bytes)[id] ?? [];
          const b = decode((await encoders.node(inTx(tx), id, at, {})).bytes)[id] ?? [];
          const key = (f: { type: number; properties: unknown }) => JSON.stringify([f.type, f.properties]);
          // Features clipped to a sliver may survive one snapping and not the other; allow 2 %.
          expect(Math.abs(a.length - b.length), `${id} z${z}`).toBeLessThanOrEqual(Math.ceil(a.length * 0.02));
          const bKeys = new Set(b.map(key));
          const shared = a.filter((f) => bKeys.has(key(f))).length;
          expect(shared, `${id} z${z}`).toBeGreaterThanOrEqual(Math.floor(a.length * 0.98));
        }
      }
    });
  });
});

describe("tile coordinates", () => {
  it("reject what is out of range or not a number", () => {
    expect(TileCoordinates.safeParse({ z: "3", x: "8", y: "1.mvt" }).success).toBe(false);
    expect(TileCoordinates.safeParse({ z: "23", x: "0", y: "0.mvt" }).success).toBe(false);
    expect(TileCoordinates.safeParse({ z: "a", x: "0", y: "0.mvt" }).success).toBe(false);
    expect(TileCoordinates.safeParse({ z: "3", x: "1", y: "1.png" }).success).toBe(false);
    expect(TileCoordinates.parse({ z: "3", x: "7", y: "7.mvt" })).toEqual({ z: 3, x: 7, y: 7 });
  });
});
