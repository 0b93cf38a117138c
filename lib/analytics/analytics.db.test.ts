import { actorWithRole, SYSTEM_ACTOR } from "@/lib/auth/actor";
import { runAlerts } from "@/lib/command/alerts";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoDistrict, type DemoMeta } from "@/db/seed";
import { inTransaction, jsonColumn, query, queryOne } from "@/lib/db/query";
import * as turf from "@turf/turf";
import { cellToLatLng } from "h3-js";
import type { MultiPolygon, Polygon } from "geojson";
import { openTestDatabase, withRollback } from "@/lib/db/test-database";
import { addDays, chinaDate, chinaMidnight } from "@/lib/time/china-date";
import type { Database, Db } from "@/lib/db/types";
import { CoverageParams, getCoverage } from "./get-coverage";
import { DensityParams, getDensity } from "./get-density";
import { EmergingParams, getEmergingHotspots } from "./get-emerging-hotspots";
import { getHotspots, HotspotParams } from "./get-hotspots";

// One demo district for the file, generated inside a transaction that is rolled back at the end.
let database: Database;
let tx: Db;
let meta: DemoMeta;
let finish: () => void;
let done: Promise<void>;
const anchor = "2026-06-30";

beforeAll(async () => {
  database = await openTestDatabase();
  let ready: () => void;
  const started = new Promise<void>((resolve) => (ready = resolve));
  // One seeded district held open in a transaction for all tests, rolled back at the end.
  done = inTransaction(database.db, async (t) => {
    tx = t;
    meta = await seedDemoDistrict(tx, { scale: "demo", seed: 11, anchorDate: anchor });
    ready();
    await new Promise<void>((resolve) => (finish = resolve));
    throw new Error("rollback");
  }).catch(() => {});
  await started;
}, 180_000);

afterAll(async () => {
  finish?.();
  await done;
  await database?.close();
});

const window = { to: `${anchor}T16:00:00Z`, categories: "stall_violation,complaint" };

describe(`analytics on the demo district (${process.env.TEST_DB ?? "embedded"})`, () => {
  it("finds every planted cluster as a hot spot at 99 % with FDR on grid cells", async () => {
    const result = await getHotspots(tx, SYSTEM_ACTOR, HotspotParams.parse(window));
    const byCode = new Map(result.features.map((f) => [f.properties.code, f.properties]));
    for (const site of meta.plantedSites) {
      const cell = byCode.get(site.cellCode);
      expect(cell?.gi_bin, `${site.kind} site in ${site.cellCode} (z ${cell?.gi_z})`).toBe(3);
    }
    expect(result.summary).toMatchObject({ method: "Getis-Ord Gi*", fdr: true, weights: { kind: "queen" }, units: 1500 });
    expect(result.summary.cold).toBe(0);
    expect(result.features).toHaveLength(1500);
    expect(result.features.every((f) => Number.isFinite(f.properties.gi_z) && Number.isFinite(f.properties.gi_p_fdr))).toBe(true);
  });

  it("counts from the weekly per-cell table exactly as from the events themselves", async () => {
    // A window with partial weeks at both ends: weekly table for the middle, raw events for the edges.
    const params = HotspotParams.parse({ from: "2026-03-04T10:00:00+08:00", to: "2026-05-20T15:30:00+08:00", categories: "stall_violation,complaint" });
    const result = await getHotspots(tx, SYSTEM_ACTOR, params);
    const direct = await query<{ code: string; n: number }>(
      tx,
      sql`select g.code, count(*)::int as n from events e join grid_cells g on g.id = e.grid_cell_id
          where e.occurred_at >= ${params.from.toISOString()}::timestamptz and e.occurred_at < ${params.to.toISOString()}::timestamptz
            and e.category in ('stall_violation', 'complaint') group by 1`,
    );
    const byCode = new Map(direct.map((r) => [r.code, r.n]));
    expect(result.features).toHaveLength(1500);
    expect(direct.length).toBeGreaterThan(100);
    expect(result.features.every((f) => f.properties.count === (byCode.get(f.properties.code) ?? 0))).toBe(true);
    expect(result.summary.events).toBe(direct.reduce((s, r) => s + r.n, 0));

    // The table follows moves and deletes (statement triggers with transition tables).
    const mismatches = async () =>
      queryOne<{ n: number }>(
        tx,
        sql`select count(*)::int as n from (
              select grid_cell_id, event_week(occurred_at) as week, category, count(*)::int as n from events
              where grid_cell_id is not null group by 1, 2, 3) fresh
            full join event_cell_weeks w using (grid_cell_id, week, category)
            where fresh.n is distinct from w.n`,
      );
    await withRollback(tx, async (inner) => {
      await inner.execute(sql`update events set geom = ST_Translate(geom, 0.003, 0.002) where id % 50 = 0`);
      await inner.execute(sql`delete from events where id % 77 = 0`);
      await inner.execute(sql`update events set occurred_at = occurred_at + interval '9 days' where id % 91 = 0`);
      expect((await mismatches())?.n).toBe(0);
    });
    expect((await mismatches())?.n).toBe(0);
  });

  it("runs on H3 hexagons and with distance-band weights", async () => {
    const hex = await getHotspots(tx, SYSTEM_ACTOR, HotspotParams.parse({ ...window, unit: "h3", resolution: "8" }));
    expect(hex.summary.units).toBeGreaterThan(300);
    expect(hex.summary.hot).toBeGreaterThan(0);
    const band = await getHotspots(tx, SYSTEM_ACTOR, HotspotParams.parse({ ...window, unit: "communities", weights: "distance" }));
    expect(band.summary.weights).toMatchObject({ kind: "distance", automatic: true });
    expect(band.summary.units_without_neighbours).toBe(0);
  });

  it("classifies the planted growing, new and fading places", async () => {
    const result = await getEmergingHotspots(tx, SYSTEM_ACTOR, EmergingParams.parse(window));
    const byCode = new Map(result.features.map((f) => [f.properties.code, f.properties.category]));
    const categories = (kind: string) => meta.plantedSites.filter((s) => s.kind === kind).map((s) => byCode.get(s.cellCode));
    expect(result.summary.steps).toBe(51); // whole weeks only: 364 days ending on a Wednesday hold 51
    for (const kind of ["intensifying", "new", "diminishing", "persistent"]) expect(categories(kind).length, kind).toBeGreaterThan(0);
    expect(categories("intensifying").every((c) => c === "intensifying_hot")).toBe(true);
    // A new site's cell may have flickered hot once before (a market nearby): then ArcGIS's rules say sporadic.
    expect(categories("new").every((c) => c === "consecutive_hot" || c === "new_hot" || c === "sporadic_hot")).toBe(true);
    expect(categories("new").some((c) => c === "consecutive_hot" || c === "new_hot")).toBe(true);
    expect(categories("diminishing").filter((c) => c === "diminishing_hot").length).toBeGreaterThanOrEqual(2);
    // Constant sites stay hot; Gi* is relative, so as other places grow their z may trend down.
    expect(categories("persistent").every((c) => c === "persistent_hot" || c === "diminishing_hot" || c === "intensifying_hot")).toBe(true);
  });

  it("raises an alert for each planted intensifying site once, not again while it stays so", async () => {
    // The demo ends on Tuesday 30 June. A check on the 23rd looks at the week of Monday 15 June.
    const commander = actorWithRole("commander");
    await withRollback(tx, async (inner) => {
      const first = await runAlerts(inner, commander, "2026-06-23");
      expect(first.week_start).toBe("2026-06-15");
      const growing = meta.plantedSites.filter((s) => s.kind === "intensifying");
      expect(growing.length).toBeGreaterThan(0);
      const raisedFor = (raised: typeof first.raised, code: string) =>
        raised.filter((a) => a.grid_cell_code === code && a.kind === "intensifying_hotspot").map((a) => a.category);
      for (const site of growing) expect(raisedFor(first.raised, site.cellCode), site.cellCode).toContain("stall_violation");
      // A week later it is still intensifying: no new alert for it (it was raised the week before).
      const second = await runAlerts(inner, commander, anchor);
      expect(second.week_start).toBe("2026-06-22");
      for (const site of growing) expect(raisedFor(second.raised, site.cellCode), site.cellCode).toEqual([]);
      // Running again for the same week raises nothing, and each alert is stored once.
      expect((await runAlerts(inner, commander, anchor)).raised).toEqual([]);
      expect((await runAlerts(inner, commander, "2026-07-05")).raised).toEqual([]); // Sunday: still the same week
      const stored = await query<{ key: string; n: number }>(inner, sql`select dedupe_key as key, count(*)::int as n from alerts group by 1 having count(*) > 1`);
      expect(stored).toEqual([]);
      expect(Number((await queryOne<{ n: number }>(inner, sql`select count(*)::int as n from alerts`))!.n)).toBe(first.raised.length + second.raised.length);
    });
  });

  it("measures coverage against the targets, with cells below target and no geometry gaps", async () => {
    const result = await getCoverage(tx, SYSTEM_ACTOR, CoverageParams.parse({ to: `${anchor}T16:00:00Z` }));
    // The demo's 25,000 buildings, less those deregistered or outside every cell.
    expect(result.summary.district.registration.denominator).toBeGreaterThan(20_000);
    expect(result.summary.district.registration.denominator).toBeLessThanOrEqual(25_000);
    expect(result.summary.units_below_target.registration).toBeGreaterThan(50);
    expect(result.summary.units_below_target.registration).toBeLessThan(1400);
    expect(result.summary.geometry).toMatchObject({ uncovered_m2: 0, overlap_m2: 0 });
    const worst = result.features.filter((f) => (f.properties.metrics.registration.rate ?? 1) < 0.85);
    expect(worst.length).toBeGreaterThan(0);
    expect(worst[0]!.properties.below_target).toContain("registration");

    const wuma = await getCoverage(tx, SYSTEM_ACTOR, CoverageParams.parse({ to: `${anchor}T16:00:00Z`, street: "330302006000", unit: "communities" }));
    expect(wuma.features.length).toBeGreaterThan(0);
    expect(wuma.features.every((f) => f.properties.code.startsWith("330302006"))).toBe(true);
  });

  it("rates a cell's registration from its buildings as set here: deregistered ones are not counted", async () => {
    const cell = await queryOne<{ id: number; code: string }>(
      tx,
      sql`select g.id, g.code from grid_cells g join rental_buildings b on b.grid_cell_id = g.id group by 1, 2 having count(*) between 4 and 30 order by g.code limit 1`,
    );
    // The register as it stands now (a window ending tomorrow), not as it stood at the anchor.
    const to = chinaMidnight(addDays(chinaDate(), 1)).toISOString();
    await withRollback(tx, async (inner) => {
      const ids = (await query<{ id: number }>(inner, sql`select id from rental_buildings where grid_cell_id = ${cell!.id} order by id`)).map((r) => r.id);
      await inner.execute(sql`update rental_buildings set registration_status = 'registered' where grid_cell_id = ${cell!.id}`);
      await inner.execute(sql`update rental_buildings set registration_status = 'deregistered' where id = ${ids[0]!}`);
      await inner.execute(sql`update rental_buildings set registration_status = 'unregistered' where id = ${ids[1]!}`);
      const result = await getCoverage(inner, SYSTEM_ACTOR, CoverageParams.parse({ to, street: `${cell!.code.slice(0, 9)}000` }));
      const mine = result.features.find((f) => f.properties.code === cell!.code);
      expect(mine?.properties.metrics.registration).toMatchObject({ numerator: ids.length - 2, denominator: ids.length - 1 });
    });
  });

  it("counts stall violations near a guidance point as PostGIS measures them, also at the edge of the radius", async () => {
    const params = CoverageParams.parse({ to: `${anchor}T16:00:00Z`, guidance_metres: "300" });
    // PostGIS's own geodesic test, per cell: the independent answer.
    const postgis = async (inner: Db) =>
      new Map(
        (
          await query<{ code: string; total: number; near: number }>(
            inner,
            sql`select g.code, count(*)::int as total, count(*) filter (where exists (
                  select 1 from guidance_points gp where gp.status = 'active' and gp.occupied_stalls < gp.capacity
                  and ST_DWithin(gp.geom::geography, e.geom::geography, 300)))::int as near
                from events e join grid_cells g on g.id = e.grid_cell_id
                where e.category = 'stall_violation' and e.occurred_at >= ${params.from.toISOString()}::timestamptz
                  and e.occurred_at < ${params.to.toISOString()}::timestamptz
                group by g.code`,
          )
        ).map((r) => [r.code, { total: Number(r.total), near: Number(r.near) }]),
      );
    const ours = async (inner: Db) =>
      new Map(
        (await getCoverage(inner, SYSTEM_ACTOR, params)).features
          .filter((f) => f.properties.metrics.guidance.denominator > 0)
          .map((f) => [f.properties.code, { total: f.properties.metrics.guidance.denominator, near: f.properties.metrics.guidance.numerator }]),
      );
    const expected = await postgis(tx);
    const near = [...expected.values()].reduce((n, c) => n + c.near, 0);
    const total = [...expected.values()].reduce((n, c) => n + c.total, 0);
    expect(near).toBeGreaterThan(20);
    expect(total - near).toBeGreaterThan(20);
    expect(await ours(tx)).toEqual(expected);

    // Violations 299.9 m and 300.1 m from an open guidance point, in eight directions.
    await withRollback(tx, async (inner) => {
      await inner.execute(sql`insert into events (geom, occurred_at, category, source)
        select ST_Project(gp.geom::geography, d, radians(a))::geometry, ${`${anchor}T10:00:00+08:00`}, 'stall_violation', 'patrol'
        from (select geom from guidance_points where status = 'active' and occupied_stalls < capacity order by id limit 1) gp,
             unnest(array[299.9, 300.1]) d, generate_series(0, 315, 45) a`);
      const edge = await postgis(inner);
      const edgeNear = [...edge.values()].reduce((n, c) => n + c.near, 0);
      expect(edgeNear - near).toBeGreaterThanOrEqual(8); // the 299.9 m ones; a 300.1 m one only if another point is near
      expect(edgeNear - near).toBeLessThan(16);
      expect(await ours(inner)).toEqual(edge);
    });
  });

  it("reports and shapes the area a deleted grid cell leaves uncovered", async () => {
    const cell = await queryOne<{ code: string; m2: number }>(
      tx,
      sql`select code, ST_Area(geom::geography) as m2 from grid_cells where code like '330302006%' order by code limit 1`,
    );
    await withRollback(tx, async (inner) => {
      await inner.execute(sql`delete from grid_cells where code = ${cell!.code}`);
      const result = await getCoverage(inner, SYSTEM_ACTOR, CoverageParams.parse({ to: `${anchor}T16:00:00Z`, street: "330302006000" }));
      const wuma = result.summary.geometry.streets[0]!;
      expect(Math.abs(wuma.uncovered_m2 - Number(cell!.m2)) / Number(cell!.m2)).toBeLessThan(0.01);
      expect(wuma.gap?.type).toBe("MultiPolygon");
    });
  });

  it("gives density per unit and a kernel surface whose mass matches the events", async () => {
    const perUnit = await getDensity(tx, SYSTEM_ACTOR, DensityParams.parse({ ...window, unit: "streets" }));
    expect(perUnit.features).toHaveLength(14);
    const kde = await getDensity(tx, SYSTEM_ACTOR, DensityParams.parse({ ...window, mode: "kde", bandwidth: "500", cell: "100" }));
    expect(kde.features.length).toBeGreaterThan(100);
    const mass = kde.features.reduce((sum, f) => sum + Number(f.properties.density) * 0.01, 0); // 100 m cells = 0.01 km²
    expect(mass / kde.summary.events).toBeGreaterThan(0.9); // cells under 1 % of the peak are omitted
    expect(mass / kde.summary.events).toBeLessThan(1.01);
  });

  it("divides an edge hexagon's events by its area inside the district, as a turf clip measures it, and names each hexagon by its street", async () => {
    const hex = await getDensity(tx, SYSTEM_ACTOR, DensityParams.parse({ ...window, unit: "h3", resolution: "8" }));
    const streets = await query<{ name_zh: string; geometry: Polygon | MultiPolygon | string }>(tx, sql`select name_zh, ST_AsGeoJSON(geom)::json as geometry from streets`);
    const streetShapes = streets.map((s) => turf.feature(jsonColumn(s.geometry), { name: s.name_zh }));
    // Independent reference: each hexagon clipped street by street with turf, on turf's sphere.
    let edges = 0;
    let slivers = 0;
    for (const f of hex.features) {
      const shape = turf.feature(f.geometry);
      const whole = turf.area(shape) / 1e6;
      const inside = streetShapes.reduce((sum, street) => {
        const part = turf.intersect(turf.featureCollection([shape, street]));
        return sum + (part ? turf.area(part) / 1e6 : 0);
      }, 0);
      if (inside < 0.9 * whole) edges++;
      // Named by the street its centre lies in (turf's point-in-polygon), where it lies in one.
      const [lat, lng] = cellToLatLng(String(f.properties.code));
      const centre = turf.point([lng, lat]);
      const home = streetShapes.find((s) => turf.booleanPointInPolygon(centre, s));
      if (home) expect(f.properties.name_zh).toBe(`${home.properties.name}（六边形）`);
      else expect(f.properties.name_zh).toMatch(/（六边形）$/);
      expect(Math.abs(Number(f.properties.area_km2) - inside)).toBeLessThan(0.01 * whole);
      // Rated over the part inside; a sliver (under a quarter inside, by turf) is not rated at all.
      const share = inside / whole;
      if (share < 0.24) {
        slivers++;
        expect(f.properties.per_km2).toBeNull();
      }
      if (share > 0.26) {
        const expected = Number(f.properties.count) / inside;
        expect(Math.abs(Number(f.properties.per_km2) - expected)).toBeLessThanOrEqual(0.01 * expected);
      }
    }
    expect(edges).toBeGreaterThan(10);
    expect(slivers).toBeGreaterThan(0);
    // Together the hexagons measure the district itself, not the larger area they cover.
    const district = streetShapes.reduce((sum, s) => sum + turf.area(s) / 1e6, 0);
    const measured = hex.features.reduce((sum, f) => sum + Number(f.properties.area_km2), 0);
    expect(Math.abs(measured / district - 1)).toBeLessThan(0.01);
  });

  it("answers an empty window with zeros, never NaN", async () => {
    const result = await getHotspots(tx, SYSTEM_ACTOR, HotspotParams.parse({ from: "2000-01-01", to: "2000-02-01" }));
    expect(result.summary.events).toBe(0);
    expect(result.summary.hot + result.summary.cold).toBe(0);
    expect(result.features).toHaveLength(1500);
    expect(result.features.every((f) => f.properties.gi_z === 0 && f.properties.gi_p === 1)).toBe(true);
  });
});

describe("analysis parameters", () => {
  it("name the parameter that is wrong", () => {
    const issue = (input: Record<string, string>) => {
      const parsed = HotspotParams.safeParse(input);
      return parsed.success ? "" : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    };
    expect(issue({ unit: "parishes" })).toMatch(/^unit:/);
    expect(issue({ categories: "stall_violation,ufo" })).toMatch(/categories.*unknown category "ufo"/);
    expect(issue({ from: "2026-02-01", to: "2026-01-01" })).toMatch(/from: from must be before to/);
    expect(issue({ resolution: "12", unit: "h3" })).toMatch(/resolution: H3 resolution must be 7–10/);
    expect(issue({ weights: "rook" })).toMatch(/weights:/);
    expect(issue({ alpha: "2" })).toMatch(/alpha:/);
    expect(issue({ colour: "red" })).toMatch(/colour/);
    expect(issue({ from: "yesterday" })).toMatch(/from: use an ISO date/);
  });
});
