import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoDistrict } from "@/db/seed";
import { CoverageParams, getCoverage } from "@/lib/analytics/get-coverage";
import { getHotspots, HotspotParams } from "@/lib/analytics/get-hotspots";
import { getBoundaries } from "@/lib/boundaries/get-boundaries";
import { getDistrictBounds } from "@/lib/boundaries/get-district-bounds";
import { listPlaces } from "@/lib/boundaries/list-places";
import { CaseListParams, listCases } from "@/lib/cases/list-cases";
import { openSupervisedArea } from "@/lib/command/supervised-areas";
import { query, queryOne } from "@/lib/db/query";
import { openTestDatabase, withRollback } from "@/lib/db/test-database";
import type { Database, Db } from "@/lib/db/types";
import type { Geometry, Polygon } from "geojson";
import { bbox, feature, featureCollection } from "@turf/turf";
import { districtFigures } from "@/lib/districts/district-figures";
import { OGC_COLLECTIONS } from "@/lib/ogc/collections";
import { getItems, ItemsParams } from "@/lib/ogc/items";
import { freezeMonth } from "@/lib/monthly/freeze-month";
import { getMonthlyReport } from "@/lib/monthly/monthly-report";
import { getMonthlyTrend } from "@/lib/monthly/monthly-trend";
import { createPlan, getPlan, listPlans, updatePlan } from "@/lib/plans/plan-store";
import { ZONES } from "@/lib/plans/zones";
import { PlanListQuery } from "@/lib/plans/plan-input";
import { countRentalBuildings } from "@/lib/stats/count-rental-buildings";
import { createUser, listUsers, updateUser } from "@/lib/users/users";
import { actorWithRole, SYSTEM_ACTOR, type Actor } from "./actor";
import { createSession, actorFromSession } from "./sessions";
import { statusOf } from "@/lib/http/testing/status-of";

/**
 * District scope (issue #20): on a city of two districts (鹿城区 330302 and its copy 龙湾区 330303),
 * an account limited to 龙湾区 sees, counts and changes only 龙湾区's places, and asking for a
 * 鹿城区 street is answered as if it did not exist. Each expectation is tallied here from the rows
 * themselves by code prefix, not with the verbs' own filters.
 */
let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

const LUCHENG = "330302";
const LONGWAN = "330303";
const anchor = "2026-06-30";

async function city(tx: Db) {
  await seedDemoDistrict(tx, { scale: "test", seed: 11, anchorDate: anchor, districts: 2 });
  const street = async (district: string) => (await queryOne<{ code: string }>(tx, sql`select min(code) as code from streets where code like ${district + "%"}`))!.code;
  return { luchengStreet: await street(LUCHENG), longwanStreet: await street(LONGWAN) };
}

const codes = (rows: { code: string }[]) => rows.map((r) => r.code).sort();
const inDistrict = (district: string) => (code: string) => code.startsWith(district);

describe(`district scope (${process.env.TEST_DB ?? "embedded"})`, () => {
  it("keeps a district's commander to its district: places, cells, hot spots, coverage, buildings, cases, figures", async () => {
    await withRollback(database.db, async (tx) => {
      const { luchengStreet, longwanStreet } = await city(tx);
      const longwan: Actor = actorWithRole("commander", null, LONGWAN);
      const cityWide: Actor = actorWithRole("commander");

      // The reference, read straight from the tables by code prefix.
      const allStreets = await query<{ code: string }>(tx, sql`select code from streets`);
      const allCommunities = await query<{ code: string }>(tx, sql`select code from communities`);
      const allCells = await query<{ id: number; code: string }>(tx, sql`select id, code from grid_cells`);
      const longwanCells = allCells.filter((c) => inDistrict(LONGWAN)(c.code));
      expect(longwanCells.length).toBeGreaterThan(0);
      expect(longwanCells.length).toBeLessThan(allCells.length);
      const cellDistrict = new Map(allCells.map((c) => [c.id, c.code.slice(0, 6)]));
      const buildings = await query<{ grid_cell_id: number | null }>(tx, sql`select grid_cell_id from rental_buildings`);
      const longwanBuildings = buildings.filter((b) => b.grid_cell_id !== null && cellDistrict.get(b.grid_cell_id) === LONGWAN).length;

      // Search, pickers and the map's first extent.
      const places = await listPlaces(tx, longwan);
      expect(codes(places.filter((p) => p.kind !== "district"))).toEqual(codes([...allStreets, ...allCommunities].filter((p) => inDistrict(LONGWAN)(p.code))));
      // A district is offered too, framed by its streets (their bounding box, taken here with turf).
      const longwanStreetShapes = await query<{ geojson: string }>(tx, sql`select ST_AsGeoJSON(geom) as geojson from streets where code like ${LONGWAN + "%"}`);
      const longwanBox = bbox(featureCollection(longwanStreetShapes.map((r) => feature(JSON.parse(r.geojson) as Geometry))));
      const longwanPlace = places.filter((p) => p.kind === "district");
      expect(longwanPlace.map((p) => [p.code, p.nameZh])).toEqual([[LONGWAN, "龙湾区"]]);
      longwanPlace[0]!.bbox.forEach((v, i) => expect(v).toBeCloseTo(longwanBox[i]!, 9));
      const cityPlaces = await listPlaces(tx, cityWide);
      expect(cityPlaces.filter((p) => p.kind === "district").map((p) => p.code)).toEqual([LUCHENG, LONGWAN]);
      expect(cityPlaces.length).toBe(2 + allStreets.length + allCommunities.length);
      const bounds = (await getDistrictBounds(tx, longwan))!;
      const luchengBox = await queryOne<{ ymax: number }>(tx, sql`select ST_YMax(ST_Extent(geom)::geometry) as ymax from streets where code like ${LUCHENG + "%"}`);
      expect(bounds[3]).toBeLessThan(Number(luchengBox!.ymax)); // the copy lies south of 鹿城区

      // Boundaries: context (streets) and the register (cells).
      expect(codes((await getBoundaries(tx, longwan, "streets")).features.map((f) => f.properties))).toEqual(codes(allStreets.filter((s) => inDistrict(LONGWAN)(s.code))));
      expect(codes((await getBoundaries(tx, longwan, "grid-cells")).features.map((f) => f.properties))).toEqual(codes(longwanCells));

      // Analyses: every unit inside the district; another district's street does not exist.
      const window = { to: `${anchor}T16:00:00Z`, categories: "stall_violation,complaint" };
      const hot = await getHotspots(tx, longwan, HotspotParams.parse(window));
      expect(codes(hot.features.map((f) => f.properties))).toEqual(codes(longwanCells));
      expect(await statusOf(() => getHotspots(tx, longwan, HotspotParams.parse({ ...window, street: luchengStreet })))).toBe(404);
      expect(await statusOf(() => getHotspots(tx, longwan, HotspotParams.parse({ ...window, street: longwanStreet })))).toBe("ok");
      // A city-wide account picks a district by its 6-digit code (the district picker): the same
      // cells; a district account may name its own district, not another.
      const picked = await getHotspots(tx, cityWide, HotspotParams.parse({ ...window, street: LONGWAN }));
      expect(codes(picked.features.map((f) => f.properties))).toEqual(codes(longwanCells));
      expect(await statusOf(() => getHotspots(tx, longwan, HotspotParams.parse({ ...window, street: LONGWAN })))).toBe("ok");
      expect(await statusOf(() => getHotspots(tx, longwan, HotspotParams.parse({ ...window, street: LUCHENG })))).toBe(404);
      expect(await statusOf(() => getHotspots(tx, actorWithRole("street_office", longwanStreet), HotspotParams.parse({ ...window, street: LONGWAN })))).toBe(404);
      expect(() => HotspotParams.parse({ ...window, street: "33030" })).toThrow(/6-digit/);
      const coverage = await getCoverage(tx, longwan, CoverageParams.parse({ unit: "grid-cells" }));
      expect(coverage.features.every((f) => inDistrict(LONGWAN)(f.properties.code))).toBe(true);
      expect(coverage.features.length).toBe(longwanCells.length);

      // The register's figures and the case list.
      expect((await countRentalBuildings(tx, longwan, {})).total).toBe(longwanBuildings);
      expect((await countRentalBuildings(tx, cityWide, {})).total).toBe(buildings.filter((b) => b.grid_cell_id !== null).length);
      expect((await countRentalBuildings(tx, cityWide, { street: LONGWAN })).total).toBe(longwanBuildings);
      const cases = await listCases(tx, longwan, CaseListParams.parse({ to: `${anchor}T16:00:00Z` }), anchor);
      expect(cases.total).toBeGreaterThan(0);
      expect(cases.cases.every((c) => c.grid_cell_code !== null && inDistrict(LONGWAN)(c.grid_cell_code))).toBe(true);

      // OGC API: events and streets inside the district only.
      const collection = (id: string) => OGC_COLLECTIONS.find((c) => c.id === id)!;
      const events = await getItems(tx, longwan, collection("events"), ItemsParams.parse({ limit: 1 }), []);
      const longwanEvents = (await queryOne<{ n: number }>(tx, sql`select count(*)::int as n from events e join grid_cells g on g.id = e.grid_cell_id where g.code like ${LONGWAN + "%"}`))!.n;
      expect(events.numberMatched).toBe(Number(longwanEvents));
      const streets = await getItems(tx, longwan, collection("streets"), ItemsParams.parse({ limit: 1 }), []);
      expect(streets.numberMatched).toBe(allStreets.filter((s) => inDistrict(LONGWAN)(s.code)).length);

      // The overview's figures: its own district's row only.
      expect((await districtFigures(tx, longwan)).map((f) => f.code)).toEqual([LONGWAN]);
      expect((await districtFigures(tx, cityWide)).map((f) => f.code)).toEqual([LUCHENG, LONGWAN]);

      // A supervised area over another district's cells: those cells do not exist for it.
      const luchengCell = allCells.find((c) => inDistrict(LUCHENG)(c.code))!.code;
      const area = { name: "督办", cells: [luchengCell], department: "urban_management", category: "stall_violation" as const, max_per_week: 1, target_weeks: 1, deadline: "2026-09-30" };
      expect(await statusOf(() => openSupervisedArea(tx, longwan, area, anchor))).toBe(422);
    });
  }, 300_000);

  it("gives a district its own monthly figures: frozen and live, the district's streets summed", async () => {
    await withRollback(database.db, async (tx) => {
      await city(tx);
      const longwan = actorWithRole("commander", null, LONGWAN);
      const now = new Date("2026-06-20T04:00:00Z");
      await freezeMonth(tx, SYSTEM_ACTOR, "2026-05", { now });
      for (const month of ["2026-05", "2026-06"]) {
        const own = await getMonthlyReport(tx, longwan, { month, unit: "streets" }, now);
        const all = await getMonthlyReport(tx, SYSTEM_ACTOR, { month, unit: "streets" }, now);
        const ownStreets = all.units.filter((u) => inDistrict(LONGWAN)(u.code));
        expect(own.units.map((u) => u.code)).toEqual(ownStreets.map((u) => u.code));
        // The reference: the city-wide report's 龙湾区 streets, summed here metric by metric.
        for (const metric of Object.keys(own.total.metrics) as (keyof typeof own.total.metrics)[]) {
          const num = ownStreets.reduce((sum, u) => sum + u.metrics[metric].numerator, 0);
          const den = ownStreets.reduce((sum, u) => sum + u.metrics[metric].denominator, 0);
          expect([own.total.metrics[metric].numerator, own.total.metrics[metric].denominator], `${month} ${metric}`).toEqual([num, den]);
        }
        expect(own.total.metrics.registration.denominator).toBeGreaterThan(0);
        expect(own.total.metrics.registration.denominator).toBeLessThan(all.total.metrics.registration.denominator);
      }
      const trend = await getMonthlyTrend(tx, longwan, { months: 2 }, now);
      expect(trend.map((p) => [p.month, p.frozen])).toEqual([["2026-05", true], ["2026-06", false]]);
      const may = await getMonthlyReport(tx, longwan, { month: "2026-05", unit: "streets" }, now);
      expect(trend[0]!.metrics.registration.rate).toBe(may.total.metrics.registration.rate);
    });
  }, 300_000);

  it("keeps a street office's context layers to its own district", async () => {
    await withRollback(database.db, async (tx) => {
      const { luchengStreet } = await city(tx);
      const office = actorWithRole("street_office", luchengStreet);
      expect(office.districtCode).toBe(LUCHENG);
      const streets = await getBoundaries(tx, office, "streets");
      const luchengStreets = await query<{ code: string }>(tx, sql`select code from streets where code like ${LUCHENG + "%"}`);
      expect(codes(streets.features.map((f) => f.properties))).toEqual(codes(luchengStreets));
    });
  }, 300_000);

  it("keeps a district's planner to the zones in its district: reading, drawing and editing", async () => {
    await withRollback(database.db, async (tx) => {
      await city(tx);
      const longwanPlanner = actorWithRole("planner", null, LONGWAN);
      const cityPlanner = actorWithRole("planner");
      // A small square inside a street of each district (its point on surface, 20 m each way).
      const squareIn = async (district: string): Promise<Polygon> => {
        const p = (await queryOne<{ x: number; y: number }>(tx, sql`select ST_X(c) as x, ST_Y(c) as y from (select ST_PointOnSurface(geom) as c from grid_cells where code like ${district + "%"} order by code limit 1) q`))!;
        const [x, y, d] = [Number(p.x), Number(p.y), 0.0002];
        return { type: "Polygon", coordinates: [[[x - d, y - d], [x + d, y - d], [x + d, y + d], [x - d, y + d], [x - d, y - d]]] };
      };
      const props = { name: "测试禁摊区", category: "commercial_core", legal_basis: "test", valid_from: "2026-01-01", valid_to: null };
      const inLongwan = await createPlan(tx, longwanPlanner, ZONES, { geometry: await squareIn(LONGWAN), properties: props });
      const inLucheng = await createPlan(tx, cityPlanner, ZONES, { geometry: await squareIn(LUCHENG), properties: props });

      // The reference: which zones lie in 龙湾区's streets, by a spatial test written here.
      const expected = await query<{ id: number }>(tx, sql`select z.id from no_stall_zones z where exists (select 1 from streets s where left(s.code, 6) = ${LONGWAN} and ST_Intersects(s.geom, z.geom)) order by z.id`);
      expect(expected.map((r) => Number(r.id))).toContain(inLongwan.id);
      const listed = await listPlans(tx, longwanPlanner, ZONES, PlanListQuery.parse({}));
      expect(listed.features.map((f) => Number(f.id)).sort((a, b) => a - b)).toEqual(expected.map((r) => Number(r.id)));
      expect((await listPlans(tx, cityPlanner, ZONES, PlanListQuery.parse({}))).features.length).toBeGreaterThan(listed.features.length);

      // Another district's zone does not exist for it; drawing into another district is refused.
      expect(await statusOf(() => getPlan(tx, longwanPlanner, ZONES, inLucheng.id))).toBe(404);
      expect(await statusOf(() => updatePlan(tx, longwanPlanner, ZONES, inLucheng.id, "1", { properties: { name: "改" } }))).toBe(404);
      const luchengSquare = await squareIn(LUCHENG);
      expect(await statusOf(() => createPlan(tx, longwanPlanner, ZONES, { geometry: luchengSquare, properties: props }))).toBe(422);
      expect(await statusOf(() => updatePlan(tx, longwanPlanner, ZONES, inLongwan.id, "1", { geometry: luchengSquare }))).toBe(422);
      const zones = await getItems(tx, longwanPlanner, OGC_COLLECTIONS.find((c) => c.id === "no-stall-zones")!, ItemsParams.parse({ limit: 1 }), []);
      expect(zones.numberMatched).toBe(expected.length);
    });
  }, 300_000);

  it("lets a district's admin make and manage accounts of its district only, and signs them in with their scope", async () => {
    await withRollback(database.db, async (tx) => {
      const { luchengStreet, longwanStreet } = await city(tx);
      const password = "a long enough password";
      const admin = actorWithRole("admin", null, LONGWAN);
      // An account with no district given gets the admin's own: never a city-level one.
      const planner = await createUser(tx, admin, { email: "planner@longwan.example", display_name: "规划", role: "planner", password });
      expect(planner.district_code).toBe(LONGWAN);
      expect(await statusOf(() => createUser(tx, admin, { email: "x@lucheng.example", display_name: "x", role: "planner", district_code: LUCHENG, password }))).toBe(403);
      expect(await statusOf(() => createUser(tx, admin, { email: "y@lucheng.example", display_name: "y", role: "street_office", street_code: luchengStreet, password }))).toBe(404);
      const office = await createUser(tx, admin, { email: "office@longwan.example", display_name: "街道", role: "street_office", street_code: longwanStreet, password });
      expect(office.district_code).toBeNull();
      // A district that the data does not hold is refused by a city admin too.
      expect(await statusOf(() => createUser(tx, SYSTEM_ACTOR, { email: "z@nowhere.example", display_name: "z", role: "commander", district_code: "330399", password }))).toBe(400);
      const luchengPlanner = await createUser(tx, SYSTEM_ACTOR, { email: "planner@lucheng.example", display_name: "规划", role: "planner", district_code: LUCHENG, password });

      // It lists, and may change, its district's accounts only.
      const listed = (await listUsers(tx, admin)).map((u) => u.email).sort();
      expect(listed).toEqual(["office@longwan.example", "planner@longwan.example"]);
      expect(await statusOf(() => updateUser(tx, admin, luchengPlanner.id, { display_name: "改" }))).toBe(404);
      expect(await statusOf(() => updateUser(tx, admin, planner.id, { district_code: null }))).toBe(403);

      // Signed in, the account carries its district.
      const session = await createSession(tx, planner.id);
      const actor = await actorFromSession(tx, session.secret);
      expect(actor).toMatchObject({ role: "planner", streetCode: null, districtCode: LONGWAN });
      const officeSession = await createSession(tx, office.id);
      expect(await actorFromSession(tx, officeSession.secret)).toMatchObject({ streetCode: longwanStreet, districtCode: LONGWAN });
    });
  }, 300_000);
});
