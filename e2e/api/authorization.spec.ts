import fs from "node:fs";
import path from "node:path";
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { DEMO_ROLES, E2E_DEMO_PASSWORD, type DemoRole } from "../accounts";
import { createToken, sameOrigin } from "../api-helpers";

/**
 * The authorization matrix: every route handler × every method × every kind of caller, with the
 * status each must get. The list of routes is read from app/api, so a new route (or method)
 * that is not in MATRIX fails this test until someone decides who may call it.
 */
/** New request contexts inherit the project's (admin) storage state unless told otherwise. */
const NO_SESSION = { cookies: [], origins: [] };
type Who = "anonymous" | "revoked" | DemoRole;
const WHO: Who[] = ["anonymous", "revoked", "admin", "planner", "commander", "street_office", "grid_worker"];

interface Fixtures {
  wumaCell: string;
  otherCell: string;
  wumaBuilding: string;
  otherBuilding: string;
  wumaEvent: number;
  otherEvent: number;
  tile: string;
  spareUserId: number;
  poiId: number;
  zoneSquare: unknown;
  pointSpot: unknown;
  /** A new draft made by the planner for one call (publish, delete… consume it). */
  freshZone: (state?: "draft" | "active") => Promise<{ id: number; version: number }>;
  freshPoint: () => Promise<{ id: number; version: number }>;
  /** A new case (a complaint in 五马, reported by its street office) for one call. */
  freshCase: () => Promise<number>;
  /** A 五马 cell that is not the demo grid worker's. */
  spareWumaCell: string;
  /** A building, an event and a point in the demo grid worker's own cells (its field data). */
  workerBuilding: string;
  workerEvent: number;
  workerPoint: { type: "Point"; coordinates: [number, number] };
  /** An open case in another street. */
  otherCase: number;
  /** A new supervised area in 五马 opened by the commander. */
  freshArea: () => Promise<number>;
  /** A parsed ("ready") import made by the planner. */
  freshImport: () => Promise<string>;
  planner: APIRequestContext;
  admin: APIRequestContext;
  baseURL: string;
}
interface Case {
  path: (f: Fixtures) => string | Promise<string>;
  body?: (f: Fixtures) => unknown;
  /** A raw body (an image) instead of JSON. */
  raw?: (f: Fixtures) => { type: string; buffer: Buffer };
  /** A multipart form instead of a JSON body. */
  form?: (f: Fixtures) => Record<string, string | { name: string; mimeType: string; buffer: Buffer }>;
  /** Extra headers, made fresh for each call (e.g. If-Match of a zone made for that call). */
  headers?: (f: Fixtures) => Record<string, string>;
  expect: Record<Who, number>;
}

const everyone = (status: number, anonymous = 401): Record<Who, number> => ({
  anonymous,
  revoked: 401,
  admin: status,
  planner: status,
  commander: status,
  street_office: status,
  grid_worker: status,
});
/** Staff reads: a grid worker holds none of the district's read permissions (only its field view). */
const staff = (status: number): Record<Who, number> => ({ ...everyone(status), grid_worker: 403 });
const only = (roles: DemoRole[], status: number, others = 403): Record<Who, number> => ({
  ...everyone(others),
  ...Object.fromEntries(roles.map((r) => [r, status])),
});
const read = (path: Case["path"]): Case[] => [{ path, expect: staff(200) }];
/** Today's date in China, as a check is dated. */
const CHINA_TODAY = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const EMPTY_CHECK = () => ({
  checked_on: CHINA_TODAY(),
  meets_rental_conditions: true,
  illegal_structure: false,
  fire_hazard: false,
  no_title: false,
  other_safety_hazard: false,
  letter_signed: false,
  rented_units: 0,
  empty: true,
});
const WUMA_POINT = { type: "Point", coordinates: [120.6607, 28.0229] };
/** A 2×2 grey JPEG, for the photo routes. */
const TINY_JPEG = Buffer.from(
  "/9j/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2P/wAARCAACAAIDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAP/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFAEBAAAAAAAAAAAAAAAAAAAAAP/EABQRAQAAAAAAAAAAAAAAAAAAAAD/2gAMAwEAAhEDEQA/AKAA/9k=",
  "base64",
);
const ZONE_PROPS = { name: "Matrix zone", category: "other", valid_from: "2026-01-01" };
const POINT_PROPS = { name: "Matrix point", capacity: 10 };
/** The id and version a fresh plan row got, kept between a case's path() and headers(). */
let fresh = { id: 0, version: 0 };
const ifMatch = () => ({ "If-Match": `"${fresh.version}"` });
const planRows = (base: "zones" | "guidance-points", body: (f: Fixtures) => unknown, make: (f: Fixtures) => Promise<{ id: number; version: number }>, makeActive: (f: Fixtures) => Promise<{ id: number; version: number }>): Record<string, Case[]> => ({
  [`GET /api/${base}`]: read(() => `/api/${base}?status=active`),
  [`POST /api/${base}`]: [{ path: () => `/api/${base}`, body, expect: only(["planner"], 201) }],
  [`GET /api/${base}/[id]`]: read(async (f) => `/api/${base}/${(await make(f)).id}`),
  [`PUT /api/${base}/[id]`]: [{ path: async (f) => `/api/${base}/${(fresh = await make(f)).id}`, headers: ifMatch, body, expect: only(["planner"], 200) }],
  [`PATCH /api/${base}/[id]`]: [{ path: async (f) => `/api/${base}/${(fresh = await make(f)).id}`, headers: ifMatch, body: () => ({ properties: { name: "Patched" } }), expect: only(["planner"], 200) }],
  [`DELETE /api/${base}/[id]`]: [{ path: async (f) => `/api/${base}/${(fresh = await make(f)).id}`, headers: ifMatch, expect: only(["planner"], 204) }],
  [`POST /api/${base}/[id]/publish`]: [{ path: async (f) => `/api/${base}/${(fresh = await make(f)).id}/publish`, headers: ifMatch, body: () => ({ note: "matrix" }), expect: only(["planner"], 200) }],
  [`POST /api/${base}/[id]/retire`]: [{ path: async (f) => `/api/${base}/${(fresh = await makeActive(f)).id}/retire`, headers: ifMatch, body: () => ({ note: "matrix" }), expect: only(["planner"], 200) }],
  [`GET /api/${base}/[id]/versions`]: read(async (f) => `/api/${base}/${(await make(f)).id}/versions`),
  [`POST /api/${base}/validate`]: [{ path: () => `/api/${base}/validate`, body: (f) => ({ geometry: (body(f) as { geometry: unknown }).geometry }), expect: only(["planner"], 200) }],
});
let counter = 0;

const MATRIX: Record<string, Case[]> = {
  "GET /api/health": [{ path: () => "/api/health", expect: everyone(200, 200) }],
  // Who am I: any account, the grid worker's too.
  "GET /api/auth/me": [{ path: () => "/api/auth/me", expect: everyone(200) }],
  // A different unknown account for each caller, so the per-account throttle (429) stays out of it.
  "POST /api/auth/sign-in": [
    { path: () => "/api/auth/sign-in", body: () => ({ email: `nobody${++counter}@demo.local`, password: "not the password" }), expect: everyone(401) },
  ],
  // The demo has admins: nobody, signed in or not, can make another one this way.
  "POST /api/auth/first-run": [
    { path: () => "/api/auth/first-run", body: () => ({ code: "2345-6789-ABCD", email: "late@demo.local", display_name: "Late", password: "a long enough password" }), expect: everyone(409, 409) },
  ],
  "GET /api/analytics/coverage": [
    ...read(() => "/api/analytics/coverage"),
    // Another street's numbers do not exist for a street office.
    { path: () => "/api/analytics/coverage?street=330302023000", expect: { ...staff(200), street_office: 404 } },
  ],
  "GET /api/analytics/density": read(() => "/api/analytics/density"),
  // The demo admin may see the demo but not remove it (the demo accounts go with it): 409, nothing removed.
  "GET /api/setup/demo": [{ path: () => "/api/setup/demo", expect: only(["admin"], 200) }],
  "DELETE /api/setup/demo": [{ path: () => "/api/setup/demo", expect: only(["admin"], 409) }],
  // The e2e server has no BASEMAP_PMTILES: signed-in readers learn that (404), others are refused first.
  "GET /api/basemap/archive.pmtiles": [{ path: () => "/api/basemap/archive.pmtiles", expect: { ...everyone(404), grid_worker: 403 } }],
  "GET /api/analytics/emerging-hotspots": read(() => "/api/analytics/emerging-hotspots?from=2026-06-01"),
  "GET /api/analytics/event-series": [
    ...read(() => "/api/analytics/event-series"),
    { path: (f) => `/api/analytics/event-series?cell=${f.otherCell}`, expect: { ...staff(200), street_office: 404 } },
  ],
  "GET /api/analytics/hotspots": read(() => "/api/analytics/hotspots"),
  "GET /api/stats/rental-buildings": read(() => "/api/stats/rental-buildings"),
  "GET /api/targets": read(() => "/api/targets"),
  "POST /api/targets": [
    {
      path: () => "/api/targets",
      // A date far in the future, so the matrix never changes what today's coverage is judged against.
      body: () => ({ metric: "guidance", value: 0.8, valid_from: "2099-01-01", own_choice: true, note: "authorization matrix" }),
      expect: only(["admin"], 201),
    },
  ],
  "GET /api/boundaries/[level]": [...read(() => "/api/boundaries/streets"), ...read(() => "/api/boundaries/grid-cells")],
  "GET /api/tiles/[layer]": read(() => "/api/tiles/events.json"),
  "GET /api/tiles/[layer]/[z]/[x]/[y]": [...read((f) => `/api/tiles/grid-cells/${f.tile}.mvt`), ...read((f) => `/api/tiles/no-stall-zones/${f.tile}.mvt`)],
  // The landing page and conformance classes hold no data: any signed-in account may read them.
  "GET /api/ogc": [{ path: () => "/api/ogc", expect: everyone(200) }],
  "GET /api/ogc/conformance": [{ path: () => "/api/ogc/conformance", expect: everyone(200) }],
  "GET /api/ogc/collections": read(() => "/api/ogc/collections"),
  "GET /api/ogc/collections/[id]": read(() => "/api/ogc/collections/grid-cells"),
  "GET /api/ogc/collections/[id]/items": read(() => "/api/ogc/collections/events/items?limit=5"),
  "GET /api/ogc/collections/[id]/items/[fid]": [
    ...read(() => "/api/ogc/collections/streets/items/1"),
    { path: (f) => `/api/ogc/collections/events/items/${f.otherEvent}`, expect: { ...staff(200), street_office: 404 } },
  ],
  "GET /api/grid-cells/[code]": [
    ...read((f) => `/api/grid-cells/${f.wumaCell}`),
    { path: (f) => `/api/grid-cells/${f.otherCell}`, expect: { ...staff(200), street_office: 404 } },
  ],
  "GET /api/grid-cells/[code]/events": [
    ...read((f) => `/api/grid-cells/${f.wumaCell}/events`),
    { path: (f) => `/api/grid-cells/${f.otherCell}/events`, expect: { ...staff(200), street_office: 404 } },
  ],
  "PATCH /api/grid-cells/[code]": [
    // (A 五马 cell that is not the demo grid worker's: its assignment stays for the field spec.)
    { path: (f) => `/api/grid-cells/${f.spareWumaCell}`, body: () => ({ responsible_user_id: null }), expect: only(["street_office"], 200) },
    { path: (f) => `/api/grid-cells/${f.otherCell}`, body: () => ({ responsible_user_id: null }), expect: only(["street_office"], 404) },
  ],
  // A grid worker reads the buildings of its own cells (its field data); any other is not found.
  "GET /api/rental-buildings/[code]": [
    { path: (f) => `/api/rental-buildings/${f.wumaBuilding}`, expect: { ...staff(200), grid_worker: 404 } },
    { path: (f) => `/api/rental-buildings/${f.otherBuilding}`, expect: { ...staff(200), street_office: 404, grid_worker: 404 } },
    { path: (f) => `/api/rental-buildings/${f.workerBuilding}`, expect: everyone(200) },
  ],
  "PATCH /api/rental-buildings/[code]": [
    { path: (f) => `/api/rental-buildings/${f.wumaBuilding}`, body: () => ({ last_inspected_on: "2026-11-01" }), expect: only(["street_office"], 200) },
    { path: (f) => `/api/rental-buildings/${f.otherBuilding}`, body: () => ({ last_inspected_on: "2026-11-01" }), expect: only(["street_office"], 404) },
  ],
  "GET /api/rental-buildings/[code]/checks": [
    ...read((f) => `/api/rental-buildings/${f.wumaBuilding}/checks`),
    { path: (f) => `/api/rental-buildings/${f.otherBuilding}/checks`, expect: { ...staff(200), street_office: 404 } },
  ],
  "POST /api/rental-buildings/[code]/checks": [
    { path: (f) => `/api/rental-buildings/${f.wumaBuilding}/checks`, body: () => EMPTY_CHECK(), expect: { ...only(["street_office"], 201), grid_worker: 404 } },
    { path: (f) => `/api/rental-buildings/${f.otherBuilding}/checks`, body: () => EMPTY_CHECK(), expect: only(["street_office", "grid_worker"], 404) },
    { path: (f) => `/api/rental-buildings/${f.workerBuilding}/checks`, body: () => EMPTY_CHECK(), expect: only(["street_office", "grid_worker"], 201) },
  ],
  "GET /api/settings": read(() => "/api/settings"),
  "POST /api/settings": [{ path: () => "/api/settings", body: () => ({ key: "rectification_days", value: 30, valid_from: "2026-01-01" }), expect: only(["admin"], 201) }],
  "GET /api/worklists/[list]": read(() => "/api/worklists/unchecked?limit=5"),
  "GET /api/reports/trend": read(() => "/api/reports/trend?months=3"),
  "GET /api/reports/monthly.pdf": [
    { path: (f) => `/api/reports/monthly.pdf?month=${CHINA_TODAY().slice(0, 7)}&street=${f.wumaCell.slice(0, 9)}000`, expect: staff(200) },
    { path: () => `/api/reports/monthly.pdf?month=${CHINA_TODAY().slice(0, 7)}`, expect: { ...everyone(400), street_office: 200, grid_worker: 403 } },
  ],
  "GET /api/reports/monthly": read(() => `/api/reports/monthly?month=${CHINA_TODAY().slice(0, 7)}`),
  "POST /api/events": [
    {
      path: () => "/api/events",
      body: () => ({ category: "complaint", occurred_at: "2026-11-01T10:00:00+08:00", geometry: WUMA_POINT }),
      // The point lies in 五马 but outside the demo grid worker's cells.
      expect: { ...only(["street_office"], 201), grid_worker: 422 },
    },
    {
      path: () => "/api/events",
      body: (f) => ({ category: "stall_violation", occurred_at: new Date().toISOString(), geometry: f.workerPoint, note: "矩阵测试" }),
      expect: only(["street_office", "grid_worker"], 201),
    },
  ],
  "GET /api/field/today": [{ path: () => "/api/field/today", expect: only(["grid_worker"], 200) }],
  "PUT /api/events/[id]/photo": [
    // The worker uploaded it (fixtures): it may replace it; the street office may not (409).
    { path: (f) => `/api/events/${f.workerEvent}/photo`, raw: () => ({ type: "image/jpeg", buffer: TINY_JPEG }), expect: { ...only(["grid_worker"], 200), street_office: 409 } },
    { path: (f) => `/api/events/${f.otherEvent}/photo`, raw: () => ({ type: "image/jpeg", buffer: TINY_JPEG }), expect: only(["street_office", "grid_worker"], 404) },
  ],
  // Photos are for staff; the worker who took one has no photo reader.
  "GET /api/events/[id]/photo": [{ path: (f) => `/api/events/${f.workerEvent}/photo`, expect: staff(200) }],
  "GET /api/events/[id]": [
    { path: (f) => `/api/events/${f.wumaEvent}`, expect: { ...staff(200), grid_worker: 404 } },
    { path: (f) => `/api/events/${f.otherEvent}`, expect: { ...staff(200), street_office: 404, grid_worker: 404 } },
    { path: (f) => `/api/events/${f.workerEvent}`, expect: everyone(200) },
  ],
  // Cases: the command centre anywhere, a street office in its own street.
  "PATCH /api/events/[id]": [
    { path: async (f) => `/api/events/${await f.freshCase()}`, body: () => ({ department: "subdistrict_office" }), expect: only(["commander", "street_office"], 200) },
    { path: (f) => `/api/events/${f.otherCase}`, body: () => ({ department: "subdistrict_office" }), expect: { ...only(["commander"], 200), street_office: 404 } },
  ],
  "POST /api/events/[id]/transitions": [
    {
      path: async (f) => `/api/events/${await f.freshCase()}/transitions`,
      body: () => ({ to: "assigned", department: "urban_management", note: "matrix" }),
      expect: only(["commander", "street_office"], 200),
    },
  ],
  "GET /api/cases": [...read(() => "/api/cases?limit=5"), { path: () => "/api/cases?street=330302023000", expect: { ...staff(200), street_office: 404 } }],
  "GET /api/departments": read(() => "/api/departments"),
  "POST /api/departments": [{ path: () => "/api/departments", body: () => ({ code: `matrix_${Date.now()}_${++counter}`, name_zh: "矩阵", name_en: "Matrix" }), expect: only(["admin"], 201) }],
  "PATCH /api/departments/[code]": [{ path: () => "/api/departments/subdistrict_office", body: () => ({ name_zh: "街道" }), expect: only(["admin"], 200) }],
  "GET /api/supervised-areas": read(() => "/api/supervised-areas"),
  "POST /api/supervised-areas": [{ path: () => "/api/supervised-areas", body: (f) => areaBody(f), expect: only(["commander"], 201) }],
  "GET /api/supervised-areas/[id]": read(async (f) => `/api/supervised-areas/${await f.freshArea()}`),
  // Just opened: no supervised week has passed, so the target cannot be met yet (409); others may not try.
  "POST /api/supervised-areas/[id]/accept": [{ path: async (f) => `/api/supervised-areas/${await f.freshArea()}/accept`, body: () => ({ note: "matrix" }), expect: only(["commander"], 409) }],
  "GET /api/alerts": [{ path: () => "/api/alerts", expect: only(["admin", "commander", "street_office"], 200) }],
  "POST /api/alerts/run": [{ path: () => "/api/alerts/run", expect: only(["commander"], 200) }],
  // Seen up to long ago: the accounts' unread alerts stay unread for the Command view's test.
  "POST /api/alerts/seen": [{ path: () => "/api/alerts/seen", body: () => ({ until: "2000-01-01T00:00:00Z" }), expect: only(["admin", "commander", "street_office"], 204) }],
  "GET /api/users": [{ path: () => "/api/users", expect: only(["admin"], 200) }],
  "POST /api/users": [
    {
      path: () => "/api/users",
      body: () => ({ email: `matrix${++counter}@example.org`, display_name: "Matrix", role: "commander", password: "a long enough password" }),
      expect: only(["admin"], 201),
    },
  ],
  "PATCH /api/users/[id]": [{ path: (f) => `/api/users/${f.spareUserId}`, body: () => ({ display_name: "Renamed" }), expect: only(["admin"], 200) }],
  "GET /api/tokens": [{ path: () => "/api/tokens", expect: only(["admin"], 200) }],
  "POST /api/tokens": [{ path: () => "/api/tokens", body: () => ({ name: "matrix", role: "commander" }), expect: only(["admin"], 201) }],
  "DELETE /api/tokens/[id]": [
    {
      path: async (f) => `/api/tokens/${(await createToken(f.admin, f.baseURL, "commander")).id}`,
      expect: only(["admin"], 200),
    },
  ],
  "GET /api/audit": [{ path: () => "/api/audit", expect: only(["admin"], 200) }],
  ...planRows("zones", (f) => ({ type: "Feature", geometry: f.zoneSquare, properties: ZONE_PROPS }), (f) => f.freshZone(), (f) => f.freshZone("active")),
  ...planRows("guidance-points", (f) => ({ type: "Feature", geometry: f.pointSpot, properties: POINT_PROPS }), (f) => f.freshPoint(), async (f) => {
    const p = await f.freshPoint();
    const published = await f.planner.post(`/api/guidance-points/${p.id}/publish`, { data: { note: "setup" }, headers: { ...sameOrigin(f.baseURL), "If-Match": `"${p.version}"` } });
    expect(published.status(), await published.text()).toBe(200);
    return { id: p.id, version: p.version + 1 };
  }),
  "GET /api/exports/[layer]": [...read(() => "/api/exports/pois?format=csv"), ...read(() => "/api/exports/grid-cells?format=geojson"), ...read(() => "/api/exports/guidance-points?format=shapefile")],
  "POST /api/imports": [{ path: () => "/api/imports", form: (f) => importForm(f), expect: only(["planner"], 202) }],
  "GET /api/imports/[id]": [{ path: async (f) => `/api/imports/${await f.freshImport()}`, expect: only(["planner"], 200, 404) }],
  "GET /api/imports/[id]/preview": [{ path: async (f) => `/api/imports/${await f.freshImport()}/preview`, expect: only(["planner"], 200, 404) }],
  "DELETE /api/imports/[id]": [{ path: async (f) => `/api/imports/${await f.freshImport()}`, expect: only(["planner"], 204, 404) }],
  "POST /api/imports/[id]/commit": [{ path: async (f) => `/api/imports/${await f.freshImport()}/commit`, expect: only(["planner"], 200, 404) }],
  "POST /api/zones/from-rule": [{ path: () => "/api/zones/from-rule", body: (f) => ({ source: "pois", ids: [f.poiId], distance_m: 50 }), expect: only(["planner"], 200) }],
  // Last: it ends the sessions the other rows use.
  "POST /api/auth/sign-out": [{ path: () => "/api/auth/sign-out", expect: everyone(200, 200) }],
};

/** A supervised area over one 五马 cell, due far in the future. */
const areaBody = (f: Pick<Fixtures, "wumaCell">) => ({
  name: "矩阵督办点",
  cells: [f.wumaCell],
  department: "urban_management",
  category: "stall_violation",
  max_per_week: 3,
  deadline: "2099-12-31",
});

function importForm(f: Fixtures) {
  const [x, y] = (f.pointSpot as { coordinates: [number, number] }).coordinates;
  // Guidance points (imported as drafts): other specs count the seeded POIs exactly.
  const file = { type: "FeatureCollection", features: [{ type: "Feature", geometry: { type: "Point", coordinates: [x, y] }, properties: { name: "Matrix import", capacity: 5 } }] };
  return { layer: "guidance-points", crs: "wgs84", file: { name: "points.geojson", mimeType: "application/geo+json", buffer: Buffer.from(JSON.stringify(file)) } };
}

/** "METHOD /api/..." for every exported handler under app/api. */
function routeHandlers(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "route.ts") {
        const route = "/" + path.dirname(full).replace(/^app\//, "").split(path.sep).join("/");
        for (const m of fs.readFileSync(full, "utf8").matchAll(/export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b/g)) {
          found.push(`${m[1]} ${route}`);
        }
      }
    }
  };
  walk("app/api");
  return found.sort();
}

test("every route handler is in the authorization matrix", () => {
  const handlers = routeHandlers();
  expect(handlers.length).toBeGreaterThan(25);
  expect(handlers.filter((h) => !(h in MATRIX)), "routes missing from MATRIX").toEqual([]);
  expect(Object.keys(MATRIX).filter((k) => !handlers.includes(k)), "MATRIX rows without a route").toEqual([]);
});

test("every role, anonymous and a revoked token get the expected status on every route", async ({ request, baseURL }) => {
  test.setTimeout(240_000);
  const planner = await playwrightRequest.newContext({ baseURL, storageState: NO_SESSION });
  expect((await planner.post("/api/auth/sign-in", { data: { email: DEMO_ROLES.planner, password: E2E_DEMO_PASSWORD }, headers: sameOrigin(baseURL) })).status()).toBe(200);
  const fixtures = await loadFixtures(request, planner, baseURL!);
  const revoked = await createToken(request, baseURL, "admin");
  expect((await request.delete(`/api/tokens/${revoked.id}`, { headers: sameOrigin(baseURL) })).status()).toBe(200);

  const callers = new Map<Who, APIRequestContext>();
  callers.set("anonymous", await playwrightRequest.newContext({ baseURL, storageState: NO_SESSION }));
  callers.set("revoked", await playwrightRequest.newContext({ baseURL, storageState: NO_SESSION, extraHTTPHeaders: { Authorization: `Bearer ${revoked.token}` } }));
  for (const role of Object.keys(DEMO_ROLES) as DemoRole[]) {
    const context = await playwrightRequest.newContext({ baseURL, storageState: NO_SESSION });
    const signIn = await context.post("/api/auth/sign-in", { data: { email: DEMO_ROLES[role], password: E2E_DEMO_PASSWORD }, headers: sameOrigin(baseURL) });
    expect(signIn.status()).toBe(200);
    callers.set(role, context);
  }

  const mismatches: string[] = [];
  for (const [key, cases] of Object.entries(MATRIX)) {
    const method = key.split(" ")[0]!;
    for (const c of cases) {
      for (const who of WHO) {
        const url = await c.path(fixtures);
        const raw = c.raw?.(fixtures);
        const body = raw ? raw.buffer : c.body?.(fixtures);
        const response = await callers.get(who)!.fetch(url, {
          method,
          headers: { ...(method === "GET" ? {} : sameOrigin(baseURL)), ...c.headers?.(fixtures), ...(raw ? { "Content-Type": raw.type } : {}) },
          ...(body === undefined ? {} : { data: body }),
          ...(c.form ? { multipart: c.form(fixtures) } : {}),
          maxRedirects: 0,
        });
        if (response.status() !== c.expect[who]) mismatches.push(`${who} ${method} ${url}: ${response.status()} (expected ${c.expect[who]}) ${(await response.text()).slice(0, 120)}`);
      }
    }
  }
  expect(mismatches).toEqual([]);
  for (const context of callers.values()) await context.dispose();
});

test("middleware-bypass headers and odd paths never reach data without a session", async ({ baseURL }) => {
  const anonymous = await playwrightRequest.newContext({ baseURL, storageState: NO_SESSION });
  const headers = [
    "middleware",
    "middleware:middleware:middleware:middleware:middleware",
    "src/middleware:src/middleware:src/middleware:src/middleware:src/middleware",
    "proxy:proxy:proxy:proxy:proxy",
    "pages/_middleware",
  ];
  for (const value of headers) {
    for (const url of ["/api/audit", "/api/users", "/api/grid-cells/330302006001001", "/api/tiles/events/14/13683/6847.mvt"]) {
      const response = await anonymous.get(url, { headers: { "x-middleware-subrequest": value } });
      expect(response.status(), `${url} with x-middleware-subrequest: ${value}`).toBe(401);
    }
    const page = await anonymous.get("/admin/audit", { headers: { "x-middleware-subrequest": value }, maxRedirects: 0 });
    expect(page.status()).toBe(307);
    expect(page.headers().location).toContain("/sign-in");
  }
  // Encoded, doubled or re-cased paths either do not match a route or land on the same check.
  for (const url of ["/api/%61udit", "/api/audit/", "//api/audit", "/api/./audit", "/api/audit%2F", "/API/audit", "/api/audit;x", "/api/users/1%2F..%2F"]) {
    const response = await anonymous.get(baseURL + url);
    expect([401, 404, 405], url).toContain(response.status());
  }
  await anonymous.dispose();
});

test("a foreign Origin or a text/plain body changes nothing", async ({ baseURL }) => {
  const office = await playwrightRequest.newContext({ baseURL, storageState: NO_SESSION });
  await office.post("/api/auth/sign-in", { data: { email: DEMO_ROLES.street_office, password: E2E_DEMO_PASSWORD }, headers: sameOrigin(baseURL) });
  const before = (await (await office.get("/api/health")).json()).counts.events;
  const event = { category: "complaint", occurred_at: "2026-11-01T10:00:00+08:00", geometry: WUMA_POINT };
  const foreign = await office.post("/api/events", { data: event, headers: { Origin: "https://evil.example" } });
  expect(foreign.status()).toBe(403);
  expect((await foreign.json()).error).toMatch(/cross-site/);
  const noOrigin = await office.post("/api/events", { data: event });
  expect(noOrigin.status()).toBe(403);
  const plain = await office.post("/api/events", { data: JSON.stringify(event), headers: { ...sameOrigin(baseURL), "Content-Type": "text/plain" } });
  expect(plain.status()).toBe(415);
  expect((await (await office.get("/api/health")).json()).counts.events).toBe(before);
  await office.dispose();
});

/** Two quiet places (publishable: no zone or guidance point near) found through the validate API. */
async function quietPlaces(planner: APIRequestContext, baseURL: string) {
  const cells = (await (await planner.get("/api/boundaries/grid-cells")).json()).features as { geometry: { coordinates: number[][][][] } }[];
  const square = (x: number, y: number, d = 0.0004) => ({ type: "Polygon", coordinates: [[[x - d, y - d], [x + d, y - d], [x + d, y + d], [x - d, y + d], [x - d, y - d]]] });
  let zoneSquare: unknown = null;
  let zoneAt: number[] = [];
  for (const cell of cells) {
    const ring = cell.geometry.coordinates[0]![0]!;
    const x = ring.reduce((s, p) => s + p[0]!, 0) / ring.length;
    const y = ring.reduce((s, p) => s + p[1]!, 0) / ring.length;
    if (!zoneSquare) {
      const check = await (await planner.post("/api/zones/validate", { data: { geometry: square(x, y) }, headers: sameOrigin(baseURL) })).json();
      if (check.publishable && check.warnings.length === 0) [zoneSquare, zoneAt] = [square(x, y), [x, y]];
    } else if (Math.hypot(x - zoneAt[0]!, y - zoneAt[1]!) > 0.01) {
      const point = { type: "Point", coordinates: [x, y] };
      const check = await (await planner.post("/api/guidance-points/validate", { data: { geometry: point }, headers: sameOrigin(baseURL) })).json();
      if (check.publishable) return { zoneSquare, pointSpot: point };
    }
  }
  throw new Error("no quiet place for the matrix's zones and points");
}

async function loadFixtures(request: APIRequestContext, planner: APIRequestContext, baseURL: string): Promise<Fixtures> {
  const { zoneSquare, pointSpot } = await quietPlaces(planner, baseURL);
  const make = async (base: string, geometry: unknown, properties: object) => {
    const created = await planner.post(`/api/${base}`, { data: { type: "Feature", geometry, properties }, headers: sameOrigin(baseURL) });
    expect(created.status(), await created.text()).toBe(201);
    const body = await created.json();
    return { id: body.id as number, version: body.properties.version as number };
  };
  const freshZone = async (state: "draft" | "active" = "draft") => {
    const zone = await make("zones", zoneSquare, ZONE_PROPS);
    if (state === "draft") return zone;
    const published = await planner.post(`/api/zones/${zone.id}/publish`, { data: { note: "setup" }, headers: { ...sameOrigin(baseURL), "If-Match": `"${zone.version}"` } });
    expect(published.status(), await published.text()).toBe(200);
    return { id: zone.id, version: zone.version + 1 };
  };
  const poiId = (await (await request.get("/api/ogc/collections/pois/items?limit=1")).json()).features[0].id as number;
  const cells = (await (await request.get("/api/boundaries/grid-cells")).json()).features as { properties: { code: string } }[];
  const wumaCell = cells.find((c) => c.properties.code.startsWith("330302006"))!.properties.code;
  const otherCell = cells.find((c) => !c.properties.code.startsWith("330302006"))!.properties.code;
  let workerCells = new Set<string>();
  const pick = async (collection: string, bbox: string, inWuma: boolean, key: (f: { id: number; properties: { code?: string } }) => string) => {
    const items = (await (await request.get(`/api/ogc/collections/${collection}/items?bbox=${bbox}&limit=100`)).json()).features;
    for (const f of items) {
      const detail = await request.get(collection === "events" ? `/api/events/${f.id}` : `/api/rental-buildings/${f.properties.code}`);
      const cell = (await detail.json()).grid_cell_code as string | null;
      // (Never one of the demo grid worker's cells: the matrix expects it to find these "not found".)
      if (cell && cell.startsWith("330302006") === inWuma && !workerCells.has(cell)) return key(f);
    }
    throw new Error(`no ${collection} ${inWuma ? "inside" : "outside"} 五马 in ${bbox}`);
  };
  const wumaBox = "120.655,28.018,120.668,28.028";
  const elsewhere = "120.60,27.98,120.64,28.00";
  const spare = await request.post("/api/users", {
    data: { email: `spare${Date.now()}@example.org`, display_name: "Spare", role: "commander", password: "a long enough password" },
    headers: sameOrigin(baseURL),
  });
  expect(spare.status()).toBe(201);
  const n = 2 ** 14;
  const lat = (28.0229 * Math.PI) / 180;
  const tile = `14/${Math.floor(((120.6607 + 180) / 360) * n)}/${Math.floor(((1 - Math.log(Math.tan(lat) + 1 / Math.cos(lat)) / Math.PI) / 2) * n)}`;
  const signedIn = async (role: DemoRole) => {
    const context = await playwrightRequest.newContext({ baseURL, storageState: NO_SESSION });
    expect((await context.post("/api/auth/sign-in", { data: { email: DEMO_ROLES[role], password: E2E_DEMO_PASSWORD }, headers: sameOrigin(baseURL) })).status()).toBe(200);
    return context;
  };
  const office = await signedIn("street_office");
  const commander = await signedIn("commander");
  const freshCase = async () => {
    const created = await office.post("/api/events", {
      data: { category: "complaint", occurred_at: "2026-11-01T10:00:00+08:00", geometry: WUMA_POINT },
      headers: sameOrigin(baseURL),
    });
    expect(created.status(), await created.text()).toBe(201);
    return (await created.json()).id as number;
  };
  const freshArea = async () => {
    const created = await commander.post("/api/supervised-areas", { data: areaBody({ wumaCell }), headers: sameOrigin(baseURL) });
    expect(created.status(), await created.text()).toBe(201);
    return (await created.json()).id as number;
  };
  // The demo grid worker's own cells: a building, a point at it, and an event there with a photo.
  const worker = await signedIn("grid_worker");
  const field = await (await worker.get("/api/field/today")).json();
  workerCells = new Set((field.cells.features as { properties: { code: string } }[]).map((f) => f.properties.code));
  const workerBuilding = field.buildings[0] as { code: string; lon: number; lat: number };
  const workerPoint = { type: "Point" as const, coordinates: [workerBuilding.lon, workerBuilding.lat] as [number, number] };
  const reported = await worker.post("/api/events", { data: { category: "complaint", occurred_at: new Date().toISOString(), geometry: workerPoint }, headers: sameOrigin(baseURL) });
  expect(reported.status(), await reported.text()).toBe(201);
  const workerEvent = (await reported.json()).id as number;
  const photo = await worker.put(`/api/events/${workerEvent}/photo`, { data: TINY_JPEG, headers: { ...sameOrigin(baseURL), "Content-Type": "image/jpeg" } });
  expect(photo.status(), await photo.text()).toBe(200);
  const openElsewhere = (await (await request.get("/api/cases?status=reported&street=330302023000&limit=1&from=2020-01-01")).json()).cases as { id: number }[];
  expect(openElsewhere.length, "an open case outside 五马").toBe(1);
  return {
    wumaCell,
    otherCell,
    freshCase,
    otherCase: openElsewhere[0]!.id,
    freshArea,
    wumaBuilding: await pick("rental-buildings", wumaBox, true, (f) => f.properties.code!),
    otherBuilding: await pick("rental-buildings", elsewhere, false, (f) => f.properties.code!),
    wumaEvent: Number(await pick("events", wumaBox, true, (f) => String(f.id))),
    spareWumaCell: cells.find((c) => c.properties.code.startsWith("330302006") && !workerCells.has(c.properties.code))!.properties.code,
    workerBuilding: workerBuilding.code,
    workerEvent,
    workerPoint,
    otherEvent: Number(await pick("events", elsewhere, false, (f) => String(f.id))),
    tile,
    spareUserId: (await spare.json()).id,
    poiId,
    zoneSquare,
    pointSpot,
    freshZone,
    freshPoint: () => make("guidance-points", pointSpot, POINT_PROPS),
    freshImport: async () => {
      const started = await planner.post("/api/imports", { multipart: importForm({ pointSpot } as Fixtures), headers: sameOrigin(baseURL) });
      expect(started.status(), await started.text()).toBe(202);
      const { id } = await started.json();
      await expect.poll(async () => (await (await planner.get(`/api/imports/${id}`)).json()).status, { timeout: 30_000 }).toBe("ready");
      return id as string;
    },
    planner,
    admin: request,
    baseURL,
  };
}
