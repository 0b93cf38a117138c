import { sql } from "drizzle-orm";
import type { MultiPolygon, Polygon, Position } from "geojson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorWithRole } from "@/lib/auth/actor";
import { query, queryOne } from "@/lib/db/query";
import { openTestDatabase, withTestDistrict } from "@/lib/db/test-database";
import type { Database, Db } from "@/lib/db/types";
import { AreaGeometry, MAX_VERTICES } from "@/lib/geo/geometry-input";
import { checkZone } from "./check-zone";
import { GUIDANCE_POINTS } from "./guidance-points";
import { createPlan, getPlan, listPlans, listVersions, transitionPlan, updatePlan } from "./plan-store";
import { zoneFromRule } from "./rule-sources";
import { ZONES } from "./zones";
import { addDays, chinaDate, chinaDateTime } from "@/lib/time/china-date";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

const planner = actorWithRole("planner");
const ZONE_PROPS = { name: "Test zone", category: "commercial_core", legal_basis: "test", valid_from: "2026-01-01", valid_to: null };

/** A square of `half` metres half-width around a lon/lat, counter-clockwise unless `clockwise`. */
function square(lon: number, lat: number, half: number, clockwise = false): Polygon {
  const dx = half / (111_320 * Math.cos((lat * Math.PI) / 180));
  const dy = half / 110_574;
  const ring: Position[] = [[lon - dx, lat - dy], [lon + dx, lat - dy], [lon + dx, lat + dy], [lon - dx, lat + dy], [lon - dx, lat - dy]];
  return { type: "Polygon", coordinates: [clockwise ? [...ring].reverse() : ring] };
}

const seeded = <T>(fn: (tx: Db) => Promise<T>) => withTestDistrict(database.db, 11, fn);

/** A place inside the district, at least `clear` metres from any zone and guidance point. */
async function quietSpot(tx: Db, clear = 150): Promise<[number, number]> {
  const row = await queryOne<{ x: number; y: number }>(
    tx,
    sql`select ST_X(p) as x, ST_Y(p) as y from (select ST_PointOnSurface(g.geom) as p from grid_cells g order by g.code) c
        where not exists (select 1 from no_stall_zones z where ST_DWithin(z.geom::geography, c.p::geography, ${clear}))
          and not exists (select 1 from guidance_points q where ST_DWithin(q.geom::geography, c.p::geography, ${clear}))
        limit 1`,
  );
  return [Number(row!.x), Number(row!.y)];
}

describe("geometry input (before the database)", () => {
  const parse = (g: unknown) => AreaGeometry.safeParse(g);
  it.each([
    ["an unclosed ring", { type: "Polygon", coordinates: [[[120.6, 28], [120.61, 28], [120.61, 28.01], [120.6, 28.01]]] }, /not closed/],
    ["fewer than 4 positions", { type: "Polygon", coordinates: [[[120.6, 28], [120.61, 28], [120.6, 28]]] }, /at least 4 positions/],
    ["strings where numbers belong", { type: "Polygon", coordinates: [[["120.6", 28], [120.61, 28], [120.61, 28.01], ["120.6", 28]]] }, /number/],
    ["swapped longitude and latitude", { type: "Polygon", coordinates: [[[28, 120.6], [28, 120.61], [28.01, 120.61], [28, 120.6]]] }, /swapped/],
    ["an unknown member", { type: "Polygon", coordinates: [[[120.6, 28], [120.61, 28], [120.61, 28.01], [120.6, 28]]], style: "red" }, /unrecognized|Unrecognized/],
    ["a line", { type: "LineString", coordinates: [[120.6, 28], [120.61, 28]] }, /Polygon/],
  ])("refuses %s with a reason", (_name, geometry, reason) => {
    const result = parse(geometry);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.message).join("; ")).toMatch(reason);
  });

  it("refuses more than the vertex limit, and rounds to 7 decimals", () => {
    const n = MAX_VERTICES + 1;
    const ring: Position[] = Array.from({ length: n }, (_, i) => [120.6 + 0.01 * Math.cos((2 * Math.PI * i) / n), 28 + 0.01 * Math.sin((2 * Math.PI * i) / n)]);
    ring.push(ring[0]!);
    expect(parse({ type: "Polygon", coordinates: [ring] }).error!.issues[0]!.message).toMatch(/too many vertices/);
    const ok = parse(square(120.661234567891, 28.0212345678, 50));
    expect(ok.success).toBe(true);
    const x = (ok.data as Polygon).coordinates[0]![0]![0]!;
    expect(String(x).split(".")[1]!.length).toBeLessThanOrEqual(7);
  });
});

describe("zone checks (PostGIS)", () => {
  it("names self-intersections and holes outside the shell with their place, and too-small or outside shapes", async () => {
    await seeded(async (tx) => {
      const [x, y] = await quietSpot(tx);
      const d = 0.001;
      const bowTie: Polygon = { type: "Polygon", coordinates: [[[x - d, y - d], [x + d, y + d], [x + d, y - d], [x - d, y + d], [x - d, y - d]]] };
      const bow = await checkZone(tx, planner, bowTie);
      expect(bow.valid).toBe(false);
      expect(bow.errors[0]).toMatchObject({ code: "self_intersection" });
      expect(bow.errors[0]!.location![0]).toBeCloseTo(x, 5);

      const shell = square(x, y, 50).coordinates[0]!;
      const farHole = square(x + 0.01, y, 10).coordinates[0]!.slice().reverse();
      const holed = await checkZone(tx, planner, { type: "Polygon", coordinates: [shell, farHole] });
      expect(holed.errors[0]!.code).toBe("hole_outside_shell");

      expect((await checkZone(tx, planner, square(x, y, 2))).errors.map((e) => e.code)).toContain("too_small");
      expect((await checkZone(tx, planner, square(121.5, 27.5, 100))).errors.map((e) => e.code)).toContain("outside_district");

      const good = await checkZone(tx, planner, square(x, y, 50));
      expect(good.valid).toBe(true);
      expect(good.measurements.area_m2).toBeGreaterThan(9_800);
      expect(good.measurements.area_m2).toBeLessThan(10_200);
      expect(good.measurements.perimeter_m).toBeCloseTo(400, -1);
    });
  });

  it("warns of overlaps with active zones, flags swallowed guidance points, and previews the impact", async () => {
    await seeded(async (tx) => {
      const zone = await queryOne<{ id: number; name: string; x: number; y: number }>(
        tx,
        sql`select id, name, ST_X(ST_PointOnSurface(geom)) as x, ST_Y(ST_PointOnSurface(geom)) as y from no_stall_zones where status = 'active' order by id limit 1`,
      );
      const over = await checkZone(tx, planner, square(Number(zone!.x), Number(zone!.y), 40));
      expect(over.warnings.some((w) => w.zone_id === Number(zone!.id) && w.overlap_m2 > 0 && w.overlap.type.endsWith("Polygon"))).toBe(true);

      const point = await queryOne<{ id: number; x: number; y: number }>(tx, sql`select id, ST_X(geom) as x, ST_Y(geom) as y from guidance_points where status = 'active' order by id limit 1`);
      const around = square(Number(point!.x), Number(point!.y), 60);
      const check = await checkZone(tx, planner, around);
      expect(check.publishable).toBe(false);
      expect(check.conflicts.find((c) => c.guidance_point_id === Number(point!.id))?.code).toBe("swallows_guidance_point");
      expect(check.impact!.grid_cells.count).toBeGreaterThan(0);
      expect(check.impact!.streets.length).toBeGreaterThan(0);
      expect(check.impact!.nearest_alternatives.length).toBeGreaterThan(0);
      expect(check.impact!.nearest_alternatives.every((a) => a.spare > 0 && a.id !== Number(point!.id))).toBe(true);
    });
  });

  it("counts the stall violations inside a zone in the 90 days before the check, and no others", async () => {
    await seeded(async (tx) => {
      // Long after the seeded events (anchored 2026), so only the events planted here can count.
      const at = new Date("2030-01-15T00:00:00+08:00");
      const days = (n: number) => new Date(at.getTime() - n * 86_400_000).toISOString();
      const [x, y] = await quietSpot(tx);
      const zone = square(x, y, 60);
      const east = x + 300 / (111_320 * Math.cos((y * Math.PI) / 180)); // 300 m away: outside
      const planted: [number, string, string][] = [
        [x, "stall_violation", days(1)], // counted
        [x, "stall_violation", days(30)], // counted
        [x, "stall_violation", days(89)], // counted
        [x, "stall_violation", days(91)], // too old
        [x, "stall_violation", new Date(at.getTime() + 3_600_000).toISOString()], // after the check
        [x, "complaint", days(1)], // another category
        [east, "stall_violation", days(1)], // outside the zone
      ];
      for (const [lon, category, when] of planted) {
        await tx.execute(sql`insert into events (geom, occurred_at, category, source)
          values (ST_SetSRID(ST_MakePoint(${lon}, ${y}), 4326), ${when}::timestamptz, ${category}, 'patrol')`);
      }
      const check = await checkZone(tx, planner, zone, undefined, at);
      expect(check.impact!.days).toBe(90);
      expect(check.impact!.stall_violations).toBe(3);
    });
  });
});

describe("zone workflow", () => {
  it("stores clockwise rings counter-clockwise, versions every save, refuses stale versions, and answers 'as of'", async () => {
    await seeded(async (tx) => {
      const [x, y] = await quietSpot(tx);
      const created = await createPlan(tx, planner, ZONES, { geometry: square(x, y, 50, true), properties: ZONE_PROPS, note: "first draft" });
      expect(created.properties).toMatchObject({ status: "draft", version: 1, name: "Test zone" });
      const ring = (created.geometry as MultiPolygon).coordinates[0]![0]!;
      const signed = ring.slice(1).reduce((s, p, i) => s + (p[0]! - ring[i]![0]!) * (p[1]! + ring[i]![1]!), 0);
      expect(signed).toBeLessThan(0); // shoelace sum < 0 ⇔ counter-clockwise

      await expect(updatePlan(tx, planner, ZONES, created.id, "7", { properties: { name: "x" } })).rejects.toMatchObject({ status: 412 });
      const renamed = await updatePlan(tx, planner, ZONES, created.id, "1", { properties: { name: "Renamed" } });
      expect(renamed.properties).toMatchObject({ name: "Renamed", version: 2 });
      const stale = await updatePlan(tx, planner, ZONES, created.id, "1", { properties: { name: "Lost update" } }).catch((e: unknown) => e);
      expect(stale).toMatchObject({ status: 412, details: { current_version: 2 } });

      const published = await transitionPlan(tx, planner, ZONES, created.id, "2", "publish", "approved by the district");
      expect(published.properties).toMatchObject({ status: "active", version: 3 });
      const versions = await listVersions(tx, planner, ZONES, created.id);
      expect(versions.map((v) => [v.version, v.action])).toEqual([[3, "publish"], [2, "update"], [1, "create"]]);
      expect(versions[0]!.note).toBe("approved by the district");

      // "As of" a day is that day in China: the version saved now is in force today, not yesterday.
      const today = chinaDate();
      const yesterday = addDays(today, -1);
      expect((await listPlans(tx, planner, ZONES, { as_of: today })).features.some((f) => f.id === created.id)).toBe(true);
      expect((await listPlans(tx, planner, ZONES, { as_of: yesterday })).features.some((f) => f.id === created.id)).toBe(false);
      // Saved at 00:30 in Beijing on 11 March (16:30 UTC on the 10th): in force from the 11th, China time.
      await tx.execute(sql`update plan_versions set saved_at = '2026-03-11T00:30:00+08:00' where kind = 'zone' and feature_id = ${created.id}`);
      const inForce = async (day: string) => (await listPlans(tx, planner, ZONES, { as_of: day })).features.some((f) => f.id === created.id);
      expect([await inForce("2026-03-10"), await inForce("2026-03-11")]).toEqual([false, true]);
      // The history gives each save as an instant, whatever the database session's time zone.
      await tx.execute(sql`set local time zone 'America/New_York'`);
      // (ISO in UTC, so the page shows it in China time: 2026-03-11 00:30, not the session's wall clock.)
      const saved = (await listVersions(tx, planner, ZONES, created.id)).map((v) => v.saved_at);
      expect(new Set(saved)).toEqual(new Set(["2026-03-10T16:30:00Z"]));
      expect(chinaDateTime(new Date(saved[0]!))).toBe("2026-03-11 00:30");

      await expect(updatePlan(tx, actorWithRole("commander"), ZONES, created.id, "3", { properties: { name: "x" } })).rejects.toMatchObject({ status: 403 });
      const audit = await query<{ action: string }>(tx, sql`select action from audit_log where entity = 'no_stall_zones' and entity_id = ${String(created.id)} order by id`);
      expect(audit.map((a) => a.action)).toEqual(["create", "update", "publish"]);

      // In force now: a change applies at once, so it must say why; without a note nothing changes.
      const unexplained = await updatePlan(tx, planner, ZONES, created.id, "3", { properties: { name: "Quietly changed" } }).catch((e: unknown) => e);
      expect(unexplained).toMatchObject({ status: 400, code: "plan.change_note" });
      expect((await getPlan(tx, planner, ZONES, created.id)).properties).toMatchObject({ name: "Renamed", version: 3 });
      const amended = await updatePlan(tx, planner, ZONES, created.id, "3", { properties: { name: "Amended" }, note: "agreed with the street office" });
      expect(amended.properties).toMatchObject({ name: "Amended", status: "active", version: 4 });
      expect((await listVersions(tx, planner, ZONES, created.id))[0]).toMatchObject({ version: 4, action: "update", note: "agreed with the street office" });
    });
  });

  it("blocks publishing a guidance point inside an active zone, naming the zone", async () => {
    await seeded(async (tx) => {
      const zone = await queryOne<{ id: number; name: string; x: number; y: number }>(
        tx,
        sql`select id, name, ST_X(ST_PointOnSurface(geom)) as x, ST_Y(ST_PointOnSurface(geom)) as y from no_stall_zones where status = 'active' order by id limit 1`,
      );
      const point = await createPlan(tx, planner, GUIDANCE_POINTS, {
        geometry: { type: "Point", coordinates: [Number(zone!.x), Number(zone!.y)] },
        properties: { name: "Night market", capacity: 20, occupied_stalls: 0, opening_hours: "18:00-22:00", allowed_goods: ["snacks"], reserved_priority_slots: 2 },
      });
      const refused = await transitionPlan(tx, planner, GUIDANCE_POINTS, point.id, "1", "publish", "try").catch((e: unknown) => e);
      expect(refused).toMatchObject({ status: 409 });
      expect((refused as Error).message).toContain(zone!.name);
      expect((await getPlan(tx, planner, GUIDANCE_POINTS, point.id)).properties).toMatchObject({ status: "draft", version: 1 });
    });
  });

  it("makes zones from a rule (metres on the spheroid) and notices when a source moves", async () => {
    await seeded(async (tx) => {
      // A school well inside one street, so its 200 m circle lies in the district.
      const poi = await queryOne<{ id: number }>(
        tx,
        sql`select p.id from pois p where exists (select 1 from streets s where ST_Covers(s.geom, ST_Buffer(p.geom::geography, 300)::geometry)) order by p.id limit 1`,
      );
      const made = await zoneFromRule(tx, planner, { source: "pois", ids: [Number(poi!.id)], distance_m: 200 });
      const area = await queryOne<{ a: number }>(tx, sql`select ST_Area(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(made.geometry)}), 4326)::geography) as a`);
      expect(Number(area!.a) / (Math.PI * 200 * 200)).toBeGreaterThan(0.97);
      expect(Number(area!.a) / (Math.PI * 200 * 200)).toBeLessThan(1.01);
      await expect(zoneFromRule(tx, planner, { source: "pois", ids: [999_999], distance_m: 50 })).rejects.toMatchObject({ status: 400 });

      const zone = await createPlan(tx, planner, ZONES, { geometry: made.geometry, properties: { ...ZONE_PROPS, category: "school_surroundings", rule: made.rule } });
      expect(zone.properties).toMatchObject({ rule_stale: false, rule: { source: "pois", distance_m: 200 } });
      await tx.execute(sql`update pois set geom = ST_Translate(geom, 0.001, 0) where id = ${poi!.id}`);
      expect((await getPlan(tx, planner, ZONES, zone.id)).properties).toMatchObject({ rule_stale: true });
    });
  });
});

describe("concurrent saves", () => {
  it("of the same version: exactly one of 20 succeeds, the rest get 412", async () => {
    const row = await queryOne<{ id: number }>(
      database.db,
      sql`insert into no_stall_zones (name, category, valid_from, geom)
          values ('race', 'other', '2026-01-01', ST_Multi(ST_GeomFromText('POLYGON((120.66 28.02,120.661 28.02,120.661 28.021,120.66 28.021,120.66 28.02))', 4326)))
          returning id`,
    );
    const id = Number(row!.id);
    try {
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) => updatePlan(database.db, planner, ZONES, id, "1", { properties: { name: `racer ${i}` } })),
      );
      const won = results.filter((r) => r.status === "fulfilled");
      const lost = results.filter((r) => r.status === "rejected") as PromiseRejectedResult[];
      expect(won).toHaveLength(1);
      expect(lost.every((r) => (r.reason as { status?: number }).status === 412)).toBe(true);
      expect((await getPlan(database.db, planner, ZONES, id)).properties).toMatchObject({ version: 2 });
    } finally {
      // The audit rows of this test stay: the audit log cannot be changed, by design.
      await database.db.execute(sql`delete from plan_versions where kind = 'zone' and feature_id = ${id}`);
      await database.db.execute(sql`delete from no_stall_zones where id = ${id}`);
    }
  });
});

describe("patches", () => {
  it("change only the properties they name (defaults never overwrite stored values)", async () => {
    const { ZonePatch, ZoneFeature, GuidancePointPatch } = await import("./plan-input");
    expect(ZonePatch.safeParse({ properties: {} }).success).toBe(false);
    expect(ZonePatch.parse({ properties: { name: "x" } }).properties).toEqual({ name: "x" });
    expect(GuidancePointPatch.parse({ properties: { name: "x" } }).properties).toEqual({ name: "x" });
    const full = ZoneFeature.parse({ type: "Feature", geometry: square(120.66, 28.02, 50), properties: { name: "z", category: "other", valid_from: "2026-01-01" } });
    expect(full.properties).toMatchObject({ legal_basis: "", valid_to: null });
  });
});
