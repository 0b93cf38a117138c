import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoDistrict } from "@/db/seed";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { CoverageParams, getCoverage } from "@/lib/analytics/get-coverage";
import { getHotspots, HotspotParams } from "@/lib/analytics/get-hotspots";
import { getHealth } from "@/lib/health/get-health";
import { getTile } from "@/lib/tiles/get-tile";
import { TILE_LAYER_IDS, TILE_LAYERS } from "@/lib/tiles/layers";
import { VectorTile } from "@mapbox/vector-tile";
import { sql } from "drizzle-orm";
import type { Polygon } from "geojson";
import { actorWithRole } from "@/lib/auth/actor";
import { checkZone } from "@/lib/plans/check-zone";
import { GUIDANCE_POINTS } from "@/lib/plans/guidance-points";
import { createPlan, getPlan, listVersions, transitionPlan, updatePlan } from "@/lib/plans/plan-store";
import { ZONES } from "@/lib/plans/zones";
import { query, queryOne } from "./query";
import { listCases, CaseListParams } from "@/lib/cases/list-cases";
import { transitionCase } from "@/lib/cases/transitions";
import { NewBuildingCheck, recordBuildingCheck } from "@/lib/checks/record-check";
import { commitImport, createImport, ImportOptions, stageImport } from "@/lib/imports/imports";
import { createEvent } from "@/lib/register/events";
import { removeDemoData } from "@/lib/setup/demo-data";
import { PbfReader as Protobuf } from "pbf";
import { migrateDatabase } from "./migrate";
import { openServer } from "./open-server";
import { inTransaction } from "./query";
import { openTestDatabase } from "./test-database";
import { weekRowsCountedAfresh, weekTableRows } from "./week-table-rows";
import type { Database, Db } from "./types";

/**
 * Grid Atlas on a Citus coordinator (TEST_CITUS_URL: `npm run citus:local -- up` prints it; .ci/run
 * sets it when Citus could be built). The same generated city of three districts seeded on Citus
 * and on the single-node database of this pass must give the same figures. Runs in the PostgreSQL
 * pass only.
 */
const citusUrl = process.env.TEST_CITUS_URL;
const enabled = process.env.TEST_DB === "postgres" && Boolean(citusUrl);

const anchor = "2026-06-30";
const window = { to: `${anchor}T16:00:00Z`, categories: "stall_violation,complaint" };

/** The city seeded in a transaction held open for the file, rolled back at the end. */
async function seededDistrict(database: Database) {
  let ready!: (tx: Db) => void;
  let failed!: (error: unknown) => void;
  let finish = () => {};
  const tx = new Promise<Db>((resolve, reject) => ((ready = resolve), (failed = reject)));
  const rollback = new Error("rollback");
  const done = inTransaction(database.db, async (t) => {
    await seedDemoDistrict(t, { scale: "test", seed: 7, anchorDate: anchor, districts: 3 });
    ready(t);
    await new Promise<void>((resolve) => (finish = resolve));
    throw rollback;
  }).catch((error: unknown) => {
    if (error !== rollback) failed(error); // a failed seed fails the tests with its reason
  });
  return { tx: await tx, close: async () => (finish(), done) };
}

/** The tile at a zoom that holds a lon/lat (Web Mercator XYZ). */
function tileAt(lon: number, lat: number, z: number) {
  const n = 2 ** z;
  const rad = (lat * Math.PI) / 180;
  return { z, x: Math.floor(((lon + 180) / 360) * n), y: Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n) };
}

/** A tile's features as sorted text (type, properties, geometry): two encodings of the same rows compare equal. */
function decodedFeatures(bytes: Uint8Array): string[] {
  const tile = new VectorTile(new Protobuf(bytes));
  return Object.entries(tile.layers)
    .flatMap(([name, layer]) =>
      Array.from({ length: layer.length }, (_, i) => {
        const f = layer.feature(i);
        const properties = Object.fromEntries(Object.entries(f.properties).sort(([a], [b]) => a.localeCompare(b)));
        return JSON.stringify([name, f.type, properties, f.loadGeometry().map((ring) => ring.map((p) => [p.x, p.y]))]);
      }),
    )
    .sort();
}

// 五马 in 鹿城区, and the same place in its copies (each moved 0.25° south, db/seed/city.ts).
const WUMA = [120.6607, 28.0229] as const;

/**
 * Twenty saves of the same version of one zone at once, as twenty planners pressing Save together:
 * on each database exactly one wins and the others get 412. Runs before the city is seeded below
 * (the seed's open transaction holds the zones table), on committed rows it removes again.
 */
describe.skipIf(!enabled)("20 concurrent saves on a Citus coordinator and on a single node", () => {
  it("let exactly one through on each, the same way", async () => {
    const citus = await openServer(citusUrl!);
    const single = await openTestDatabase();
    const planner = actorWithRole("planner");
    const race = async (db: Db) => {
      const row = await queryOne<{ id: number }>(
        db,
        sql`insert into no_stall_zones (name, category, valid_from, geom)
            values ('race', 'other', '2026-01-01', ST_Multi(ST_GeomFromText('POLYGON((120.66 28.02,120.661 28.02,120.661 28.021,120.66 28.021,120.66 28.02))', 4326)))
            returning id`,
      );
      const id = Number(row!.id);
      try {
        const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => updatePlan(db, planner, ZONES, id, "1", { properties: { name: `racer ${i}` } })));
        const won = results.flatMap((r) => (r.status === "fulfilled" ? [r.value.properties?.name] : []));
        const statuses = results.flatMap((r) => (r.status === "rejected" ? [(r.reason as { status?: number }).status] : []));
        const stored = (await getPlan(db, planner, ZONES, id)).properties!;
        return { won: won.length, statuses, version: stored.version, nameIsTheWinners: won[0] === stored.name, versions: (await listVersions(db, planner, ZONES, id)).length };
      } finally {
        // The audit rows stay: the audit log cannot be changed, by design.
        await db.execute(sql`delete from plan_versions where kind = 'zone' and feature_id = ${id}`);
        await db.execute(sql`delete from no_stall_zones where id = ${id}`);
      }
    };
    try {
      await migrateDatabase(citus);
      const [onCitus, onSingle] = await Promise.all([race(citus.db), race(single.db)]);
      expect(onSingle).toEqual({ won: 1, statuses: Array(19).fill(412), version: 2, nameIsTheWinners: true, versions: onSingle.versions });
      expect(onCitus).toEqual(onSingle);
    } finally {
      await Promise.all([citus.close(), single.close()]);
    }
  }, 120_000);
});

describe.skipIf(!enabled)("on a Citus coordinator (TEST_CITUS_URL)", () => {
  let citus: Database;
  let single: Database;
  let onCitus: Awaited<ReturnType<typeof seededDistrict>>;
  let onSingle: Awaited<ReturnType<typeof seededDistrict>>;

  beforeAll(async () => {
    citus = await openServer(citusUrl!);
    await migrateDatabase(citus);
    single = await openTestDatabase();
    [onCitus, onSingle] = await Promise.all([seededDistrict(citus), seededDistrict(single)]);
  }, 300_000);

  afterAll(async () => {
    await Promise.all([onCitus?.close(), onSingle?.close()]);
    await Promise.all([citus?.close(), single?.close()]);
  });

  it("says it runs on Citus, with its workers", async () => {
    const health = await getHealth({ ...citus, db: onCitus.tx });
    expect(health.db).toBe("citus");
    expect(health.citus_workers).toBeGreaterThanOrEqual(1);
    expect((await getHealth({ ...single, db: onSingle.tx })).citus_workers).toBeUndefined();
  });

  it("counts the same rows as the single-node database", async () => {
    const [a, b] = await Promise.all([getHealth({ ...citus, db: onCitus.tx }), getHealth({ ...single, db: onSingle.tx })]);
    expect(a.counts).toEqual(b.counts);
    expect(a.counts.events).toBeGreaterThan(0);
  });

  it("finds the same hot spots, z to 1e-9", async () => {
    const params = HotspotParams.parse(window);
    const [a, b] = await Promise.all([getHotspots(onCitus.tx, SYSTEM_ACTOR, params), getHotspots(onSingle.tx, SYSTEM_ACTOR, params)]);
    const single = new Map(b.features.map((f) => [f.properties.code, f.properties]));
    expect(a.features.length).toBe(b.features.length);
    for (const f of a.features) {
      const other = single.get(f.properties.code)!;
      expect(f.properties.count, f.properties.code).toBe(other.count);
      expect(Math.abs(f.properties.gi_z - other.gi_z), f.properties.code).toBeLessThan(1e-9);
      expect(f.properties.gi_bin, f.properties.code).toBe(other.gi_bin);
    }
  });

  it("gives the same coverage figures", async () => {
    const params = CoverageParams.parse({ ...window, from: "2026-06-01T00:00:00+08:00", to: "2026-07-01T00:00:00+08:00" });
    const [a, b] = await Promise.all([getCoverage(onCitus.tx, SYSTEM_ACTOR, params), getCoverage(onSingle.tx, SYSTEM_ACTOR, params)]);
    const figures = (c: typeof a) => Object.fromEntries(c.features.map((f) => [f.properties.code, f.properties.metrics]));
    expect(figures(a)).toEqual(figures(b));
    expect(a.features.length).toBeGreaterThan(0);
  });

  it("makes tiles that decode to the same features, every layer, in every district", async () => {
    let compared = 0;
    for (const id of TILE_LAYER_IDS) {
      // A district-wide zoom, and the zoom where the layer's own features (not counts) appear.
      const rawZoom = id === "events" ? 16 : id === "rental-buildings" || id === "footprints" || id === "grid-cell-labels" ? 15 : 13;
      for (const south of [0, 0.25, 0.5])
        for (const z of [Math.max(12, TILE_LAYERS[id].minzoom), rawZoom]) {
          const at = tileAt(WUMA[0], WUMA[1] - south, z);
          const filter = { from: "2026-04-01T00:00:00+08:00", to: "2026-07-01T00:00:00+08:00" };
          const [a, b] = await Promise.all([getTile({ ...citus, db: onCitus.tx }, id, at, filter), getTile({ ...single, db: onSingle.tx }, id, at, filter)]);
          const features = decodedFeatures(b.bytes);
          expect(decodedFeatures(a.bytes), `${id} ${z}/${at.x}/${at.y}`).toEqual(features);
          compared += features.length;
        }
    }
    expect(compared).toBeGreaterThan(0);
  }, 120_000);

  it("checks and publishes a zone the same way, and refuses the same guidance point", async () => {
    const planner = actorWithRole("planner");
    const now = new Date(`${anchor}T04:00:00Z`);
    /** On one database: a zone over an active zone of 龙湾区 (a copy), checked, saved and published; then a point inside it. */
    const publish = async (tx: Db) => {
      const zone = await queryOne<{ x: number; y: number }>(
        tx,
        sql`select ST_X(ST_PointOnSurface(geom)) as x, ST_Y(ST_PointOnSurface(geom)) as y from no_stall_zones z
            where status = 'active' and exists (select 1 from streets s where s.code like '330303%' and ST_Covers(s.geom, z.geom)) order by id limit 1`,
      );
      const [x, y] = [Number(zone!.x), Number(zone!.y)];
      const d = 0.0004;
      const square: Polygon = { type: "Polygon", coordinates: [[[x - d, y - d], [x + d, y - d], [x + d, y + d], [x - d, y + d], [x - d, y - d]]] };
      const check = await checkZone(tx, planner, square, undefined, now);
      const created = await createPlan(tx, planner, ZONES, { geometry: square, properties: { name: "分布式核对", category: "commercial_core", legal_basis: "test", valid_from: "2026-01-01", valid_to: null } });
      const published = await transitionPlan(tx, planner, ZONES, created.id, "1", "publish", "核对");
      const versions = (await listVersions(tx, planner, ZONES, created.id)).map((v) => [v.version, v.action]);
      const point = await createPlan(tx, planner, GUIDANCE_POINTS, {
        geometry: { type: "Point", coordinates: [x, y] },
        properties: { name: "夜市", capacity: 20, occupied_stalls: 0, opening_hours: "18:00-22:00", allowed_goods: ["snacks"], reserved_priority_slots: 2 },
      });
      const refused = await transitionPlan(tx, planner, GUIDANCE_POINTS, point.id, "1", "publish", "try").then(
        () => ["published"],
        (e: { status?: number; message?: string }) => [e.status, e.message],
      );
      const { updated_at: _u, ...properties } = published.properties as Record<string, unknown>;
      return { check, id: created.id, properties, versions, refused };
    };
    const [a, b] = await Promise.all([publish(onCitus.tx), publish(onSingle.tx)]);
    expect(a).toEqual(b);
    expect(b.properties).toMatchObject({ status: "active", version: 2 });
    expect(b.refused[0]).toBe(409);
  });
  it("distributes events, with their H3 rows, queue and photos on the same nodes", async () => {
    const rows = await query<{ table: string; colocation: number }>(
      onCitus.tx,
      sql`select logicalrelid::text as table, colocationid as colocation from pg_dist_partition where partmethod = 'h' order by 1`,
    );
    expect(rows.map((r) => r.table)).toEqual(["event_h3", "event_h3_pending", "event_photos", "events"]);
    expect(new Set(rows.map((r) => r.colocation)).size).toBe(1);
    // The events triggers are gone there: their work is the writers' (lib/register/event-writes.ts).
    const triggers = await queryOne<{ n: number }>(onCitus.tx, sql`select count(*)::int as n from pg_trigger where tgrelid = 'events'::regclass and not tgisinternal`);
    expect(triggers!.n).toBe(0);
  });

  it("writes events as the single node's triggers do: recorded, checked, imported, moved along, filed again when a cell moves", async () => {
    const wumaOffice = actorWithRole("street_office", "330302006000");
    const commander = actorWithRole("commander");
    const now = new Date(`${anchor}T04:00:00Z`);
    const work = async (tx: Db) => {
      const before = Number((await queryOne<{ max: number }>(tx, sql`select max(id)::float8 as max from events`))!.max);
      // Recorded by the street office, then moved along by the command centre.
      const recorded = await createEvent(tx, wumaOffice, { category: "complaint", occurred_at: "2026-06-29T10:00:00+08:00", source: "hotline", geometry: { type: "Point", coordinates: [...WUMA] } });
      await transitionCase(tx, commander, recorded.id, { to: "assigned", department: "urban_management", note: "" });
      // A building check (its inspection event).
      const building = await queryOne<{ code: string }>(tx, sql`select code from rental_buildings where code like '330302006%' order by id limit 1`);
      const check = { checked_on: "2026-06-30", meets_rental_conditions: true, illegal_structure: false, fire_hazard: false, no_title: false, other_safety_hazard: false, letter_signed: true, rented_units: 1, empty: false };
      await recordBuildingCheck(tx, wumaOffice, building!.code, NewBuildingCheck.parse(check), null, now);
      // Three imported events: in 鹿城区, in its copy 龙湾区, and one outside the city (refused).
      const file = {
        type: "FeatureCollection",
        features: [
          [WUMA[0] + 0.001, WUMA[1]],
          [WUMA[0] + 0.001, WUMA[1] - 0.25],
          [121.5, 28.0],
        ].map((coordinates) => ({ type: "Feature", geometry: { type: "Point", coordinates }, properties: { category: "stall_violation", occurred_at: "2026-06-28T20:00:00+08:00" } })),
      };
      const planner = actorWithRole("planner");
      const importId = await createImport(tx, planner, "e.geojson", ImportOptions.parse({ layer: "events" }));
      await stageImport(tx, importId, "e.geojson", new TextEncoder().encode(JSON.stringify(file)));
      await commitImport(tx, planner, importId);
      // A cell redrawn: moved 150 m east, its events (and its neighbour's) are filed again.
      const moved = await queryOne<{ id: number }>(
        tx,
        sql`update grid_cells set geom = ST_Translate(geom, 0.0015, 0)
            where id = (select id from grid_cells where ST_Covers(geom, ST_SetSRID(ST_MakePoint(${WUMA[0]}, ${WUMA[1]}), 4326)) order by id limit 1)
            returning id`,
      );
      const hexagons = await getHotspots(tx, SYSTEM_ACTOR, HotspotParams.parse({ ...window, unit: "h3", resolution: 9 }));
      const cases = await listCases(tx, commander, CaseListParams.parse({ status: "open", limit: 500 }));
      return {
        written: await query(tx, sql`select id::text, grid_cell_id, category::text, status::text, department_code from events where id > ${before} order by id`),
        // Every event near the moved cell, with the cell it is filed under now.
        refiled: await query(
          tx,
          sql`select id::text, grid_cell_id from events where ST_DWithin(geom, (select ST_Buffer(geom, 0.003) from grid_cells where id = ${moved!.id}), 0) order by id`,
        ),
        weeks: await weekTableRows(tx),
        pending: await query(tx, sql`select event_id::text from event_h3_pending order by 1`),
        h3: await query(tx, sql`select event_id::text, grid_cell_id, h3_9::text from event_h3 where event_id > ${before} or grid_cell_id = ${moved!.id} order by 1`),
        hexagons: hexagons.features.map((f) => [f.properties.code, f.properties.count, Number(f.properties.gi_z.toFixed(9))]),
        cases: cases.cases.map((c) => [c.id, c.status, c.grid_cell_code, c.street_code]),
        layer: Number((await queryOne<{ v: number }>(tx, sql`select version::float8 as v from layer_versions where layer = 'events'`))?.v ?? 0),
      };
    };
    const [a, b] = await Promise.all([work(onCitus.tx), work(onSingle.tx)]);
    const { layer: layerA, ...onC } = a;
    const { layer: layerB, ...onS } = b;
    expect(onC).toEqual(onS);
    expect(onS.written.length).toBe(4); // recorded, inspection, two imported
    expect(onS.refiled.length).toBeGreaterThan(0);
    expect(onS.cases.length).toBeGreaterThan(0);
    // On each, the week table is the events counted afresh (an independent count).
    for (const [tx, weeks] of [[onCitus.tx, onC.weeks], [onSingle.tx, onS.weeks]] as const) {
      expect(weeks).toEqual(await weekRowsCountedAfresh(tx));
    }
    // Each database's tiles see the change (the layer version moved past the seed's).
    expect(layerA).toBeGreaterThan(0);
    expect(layerB).toBeGreaterThan(0);
  }, 120_000);
  it("removes the demo the same way: what is left of the events, their cells, weeks and H3 queue", async () => {
    const admin = actorWithRole("admin");
    const remove = async (tx: Db) => {
      const removed = await removeDemoData(tx, admin);
      return {
        removed,
        left: await query(tx, sql`select id::text, grid_cell_id, category::text from events order by id`),
        weeks: await weekTableRows(tx),
        h3: await query(tx, sql`select (select count(*) from event_h3)::int as stored, (select count(*) from event_h3_pending)::int as queued`),
      };
    };
    const [a, b] = await Promise.all([remove(onCitus.tx), remove(onSingle.tx)]);
    expect(a).toEqual(b);
    expect(b.removed.events).toBeGreaterThan(0);
    // The events written above stay, in no cell now (the demo's cells are gone): no week counts them.
    expect(b.left.length).toBeGreaterThan(0);
    expect(b.left.every((e) => (e as { grid_cell_id: number | null }).grid_cell_id === null)).toBe(true);
    expect(b.weeks).toEqual([]);
  }, 120_000);
});
