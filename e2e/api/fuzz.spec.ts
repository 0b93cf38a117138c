import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { DEMO_ROLES, E2E_DEMO_PASSWORD } from "../accounts";
import { sameOrigin } from "../api-helpers";

/**
 * Malformed bodies against every write endpoint, sent by a caller allowed to write there (so it
 * is validation, not the role check, that must hold): no response may be a 5xx and no row may
 * change. Bodies come from a seeded generator, so a failure can be replayed.
 */
const BODIES_PER_ENDPOINT = 100;

/** Mulberry32: small, seeded, good enough to pick mutations. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Kind = "note" | "area" | "zoneProps" | "pointProps" | "featureType" | "credential" | "string" | "int" | "bool" | "enum" | "date" | "datetime" | "point" | "nullableInt" | "nullableDate" | "street" | "password" | "email";

/** Values that are wrong for a field of that kind, whatever else the body holds. */
const BOW_TIE = { type: "Polygon", coordinates: [[[120.66, 28.02], [120.662, 28.022], [120.662, 28.02], [120.66, 28.022], [120.66, 28.02]]] };
const WRONG: Record<Kind, unknown[]> = {
  note: [123, true, {}, [], "x".repeat(600), null],
  area: [
    null,
    BOW_TIE,
    { type: "Polygon", coordinates: [[[120.66, 28.02], [120.661, 28.02], [120.661, 28.021]]] },
    { type: "Polygon", coordinates: [[[28.02, 120.66], [28.02, 120.661], [28.021, 120.661], [28.02, 120.66]]] },
    { type: "Polygon", coordinates: [[["a", 28.02], [120.661, 28.02], [120.661, 28.021], ["a", 28.02]]] },
    { type: "Polygon", coordinates: [[[121.9, 27.1], [121.91, 27.1], [121.91, 27.11], [121.9, 27.1]]] },
    { type: "Polygon", coordinates: [[[120.66, 28.02], [120.66001, 28.02], [120.66001, 28.02001], [120.66, 28.02]]] },
    { type: "Point", coordinates: [120.66, 28.02] },
    { type: "Polygon", coordinates: [] },
    "POLYGON((0 0,1 0,1 1,0 0))",
  ],
  zoneProps: [null, "x", 5, [], {}, { name: 5 }, { name: "z", category: "river", valid_from: "2026-01-01" }, { name: "z", category: "other", valid_from: "2026-13-01" }, { name: "z", category: "other", valid_from: "2026-02-01", valid_to: "2026-01-01" }, { name: "z", category: "other", valid_from: "2026-01-01", colour: "red" }],
  pointProps: [null, "x", [], {}, { name: "p", capacity: 0 }, { name: "p", capacity: 1.5 }, { name: "p", capacity: 5, occupied_stalls: 9 }, { name: "p", capacity: "5" }, { name: "p", capacity: 5, allowed_goods: "food" }, { name: "", capacity: 5 }],
  featureType: ["FeatureCollection", "feature", 1, null, ["Feature"]],
  // Sign-in fields: wrong in shape, so no attempt is counted against an account (throttling).
  credential: [123, true, {}, [], "", null, "x".repeat(300)],
  string: [123, true, {}, [], "", " ", "x".repeat(5_000), null],
  int: ["12", 1.5, -1, 1e12, true, null, [], {}, "NaN"],
  bool: ["true", 1, 0, null, "yes", [], {}],
  enum: ["bogus", 3, null, "", "OPEN", ["open"], {}],
  date: ["2026-13-45", "yesterday", 20261128, "", "2026-11-28T25:00:00Z", {}, [], true],
  datetime: ["2026-11-28", "not a time", 1732780800, "2026-11-28T09:00:00", "", null, "9999-01-01T00:00:00Z", {}],
  point: [
    null,
    "POINT(120 28)",
    { type: "Point" },
    { type: "Point", coordinates: [] },
    { type: "Point", coordinates: [200, 28] },
    { type: "Point", coordinates: [120, 95] },
    { type: "Point", coordinates: ["120", "28"] },
    { type: "Point", coordinates: [120, 28, 5, 6] },
    { type: "Polygon", coordinates: [[[120, 28], [121, 28], [120, 28]]] },
    { type: "LineString", coordinates: [[120, 28]] },
    { type: "Point", coordinates: [[120, 28]] },
    { type: "Feature", geometry: { type: "Point", coordinates: [120.66, 28.02] } },
    { type: "Point", coordinates: [120.66, 28.02], crs: "EPSG:3857" },
    { type: "Point", coordinates: Array.from({ length: 100_000 }, () => 1) },
  ],
  nullableInt: ["7", 1.5, -3, true, [], {}, "null"],
  nullableDate: ["2026-13-01", "soon", 5, [], {}, true],
  street: ["330302", "abc", 330302006000, "330302999000x", [], {}],
  password: ["short", 12345678901, null, "x".repeat(300), [], {}],
  email: ["not-an-email", 5, null, "", "a@", "x".repeat(300) + "@x.org", [], {}],
};

interface Endpoint {
  method: "POST" | "PATCH";
  url: (ctx: Ctx) => string;
  headers?: (ctx: Ctx) => Record<string, string>;
  /** Validation endpoints answer a readable geometry problem with 200 and findings; only 5xx is wrong there. */
  checksOnly?: boolean;
  fields: Record<string, Kind>;
  valid: Record<string, unknown>;
  caller: "admin" | "planner" | "street_office" | "anonymous";
}
interface Ctx {
  cell: string;
  building: string;
  event: number;
  userId: number;
  zone: { id: number; version: number };
}

const SQUARE = { type: "Polygon", coordinates: [[[120.66, 28.02], [120.661, 28.02], [120.661, 28.021], [120.66, 28.021], [120.66, 28.02]]] };
const ZONE = { name: "Fuzz", category: "other", valid_from: "2026-01-01" };
const ENDPOINTS: Endpoint[] = [
  { method: "POST", url: () => "/api/zones", fields: { type: "featureType", geometry: "area", properties: "zoneProps", note: "note" }, valid: { type: "Feature", geometry: SQUARE, properties: ZONE }, caller: "planner" },
  {
    method: "PATCH",
    url: (c) => `/api/zones/${c.zone.id}`,
    headers: (c) => ({ "If-Match": `"${c.zone.version}"` }),
    fields: { geometry: "area", properties: "zoneProps" },
    valid: { properties: { name: "Fuzzed" } },
    caller: "planner",
  },
  { method: "POST", url: () => "/api/zones/validate", fields: { geometry: "area" }, valid: { geometry: SQUARE }, caller: "planner", checksOnly: true },
  {
    method: "POST",
    url: () => "/api/guidance-points",
    fields: { type: "featureType", geometry: "point", properties: "pointProps" },
    valid: { type: "Feature", geometry: { type: "Point", coordinates: [120.6607, 28.0229] }, properties: { name: "Fuzz", capacity: 5 } },
    caller: "planner",
  },
  { method: "PATCH", url: (c) => `/api/grid-cells/${c.cell}`, fields: { responsible_user_id: "nullableInt" }, valid: { responsible_user_id: null }, caller: "street_office" },
  {
    method: "PATCH",
    url: (c) => `/api/rental-buildings/${c.building}`,
    fields: { address: "string", units: "int", rented_units: "int", registration_status: "enum", responsibility_letter_signed: "bool", last_inspected_on: "nullableDate", fire_hazard: "bool", registered_occupant_count: "int" },
    valid: { fire_hazard: false, last_inspected_on: "2026-10-01" },
    caller: "street_office",
  },
  {
    method: "POST",
    url: () => "/api/events",
    fields: { category: "enum", occurred_at: "datetime", source: "enum", geometry: "point" },
    valid: { category: "complaint", occurred_at: "2026-11-01T10:00:00+08:00", geometry: { type: "Point", coordinates: [120.6607, 28.0229] } },
    caller: "street_office",
  },
  { method: "PATCH", url: (c) => `/api/events/${c.event}`, fields: { department: "string", due_on: "date", note: "note" }, valid: { department: "urban_management" }, caller: "street_office" },
  {
    method: "POST",
    url: (c) => `/api/events/${c.event}/transitions`,
    fields: { to: "enum", note: "note", department: "string", due_on: "date" },
    valid: { to: "assigned", department: "urban_management" },
    caller: "street_office",
  },
  {
    method: "POST",
    url: () => "/api/users",
    fields: { email: "email", display_name: "string", role: "enum", street_code: "street", password: "password" },
    valid: { email: "fuzz@example.org", display_name: "Fuzz", role: "commander", password: "a long enough password" },
    caller: "admin",
  },
  {
    method: "PATCH",
    url: (c) => `/api/users/${c.userId}`,
    fields: { display_name: "string", role: "enum", street_code: "street", disabled: "bool", password: "password" },
    valid: { display_name: "Fuzz" },
    caller: "admin",
  },
  { method: "POST", url: () => "/api/tokens", fields: { name: "string", role: "enum", street_code: "street" }, valid: { name: "fuzz", role: "commander" }, caller: "admin" },
  { method: "POST", url: () => "/api/auth/sign-in", fields: { email: "credential", password: "credential" }, valid: { email: DEMO_ROLES.admin, password: E2E_DEMO_PASSWORD }, caller: "anonymous" },
];

/** One malformed body: text to send and the Content-Type to send it with. */
function malformed(endpoint: Endpoint, next: () => number): { text: string; type: string } {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const fieldNames = Object.keys(endpoint.fields);
  const shape = next();
  if (shape < 0.06) return { text: pick(['{"a":', "", "nul", "{'single': 1}", "[1,2", "\u0000", "{}}"]), type: "application/json" };
  if (shape < 0.1) return { text: pick(["null", "[]", "42", '"text"', "true", "[{}]"]), type: "application/json" };
  if (shape < 0.13) return { text: "[".repeat(5_000) + "]".repeat(5_000), type: "application/json" };
  if (shape < 0.15) return { text: JSON.stringify({ ...endpoint.valid, padding: "x".repeat(1_100_000) }), type: "application/json" };
  if (shape < 0.18) return { text: JSON.stringify(endpoint.valid).slice(0, -1) + ',"extra_field":1}', type: "application/json" };
  // A mostly valid body with one to three fields set to values wrong for them (and maybe deep junk).
  const body: Record<string, unknown> = { ...endpoint.valid };
  const count = 1 + Math.floor(next() * 3);
  for (let i = 0; i < count; i++) {
    const field = pick(fieldNames);
    body[field] = pick(WRONG[endpoint.fields[field]!]);
  }
  if (next() < 0.1) {
    let deep: unknown = 1;
    for (let i = 0; i < 60; i++) deep = { d: deep };
    body[pick(fieldNames)] = deep;
  }
  return { text: JSON.stringify(body), type: "application/json" };
}

async function snapshot(admin: APIRequestContext, office: APIRequestContext, ctx: Ctx) {
  const health = await (await admin.get("/api/health")).json();
  return {
    counts: health.counts,
    users: await (await admin.get("/api/users")).text(),
    tokens: (await (await admin.get("/api/tokens")).json()).length,
    cell: (await office.get(`/api/grid-cells/${ctx.cell}`)).headers().etag,
    building: (await office.get(`/api/rental-buildings/${ctx.building}`)).headers().etag,
    event: await (await office.get(`/api/events/${ctx.event}`)).text(),
    zone: (await admin.get(`/api/zones/${ctx.zone.id}`)).headers().etag,
    zones: (await (await admin.get("/api/zones")).json()).features.length,
    points: (await (await admin.get("/api/guidance-points")).json()).features.length,
  };
}

test("≥1,000 malformed bodies to the write endpoints: no 5xx, nothing changed", async ({ request, baseURL }) => {
  test.setTimeout(300_000);
  const office = await playwrightRequest.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  expect((await office.post("/api/auth/sign-in", { data: { email: DEMO_ROLES.street_office, password: E2E_DEMO_PASSWORD }, headers: sameOrigin(baseURL) })).status()).toBe(200);
  const anonymous = await playwrightRequest.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const planner = await playwrightRequest.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  expect((await planner.post("/api/auth/sign-in", { data: { email: DEMO_ROLES.planner, password: E2E_DEMO_PASSWORD }, headers: sameOrigin(baseURL) })).status()).toBe(200);
  const callers = { admin: request, planner, street_office: office, anonymous };
  const firstZone = (await (await request.get("/api/zones?status=draft,active")).json()).features[0];

  const cells = (await (await office.get("/api/boundaries/grid-cells")).json()).features;
  const events = (await (await office.get("/api/ogc/collections/events/items?limit=1")).json()).features;
  const buildings = (await (await office.get("/api/ogc/collections/rental-buildings/items?limit=1")).json()).features;
  const users = await (await request.get("/api/users")).json();
  const ctx: Ctx = {
    cell: cells[0].properties.code,
    building: buildings[0].properties.code,
    event: events[0].id,
    userId: users.find((u: { email: string }) => u.email === DEMO_ROLES.commander).id,
    zone: { id: firstZone.id, version: firstZone.properties.version },
  };
  const before = await snapshot(request, office, ctx);

  const next = random(20261128);
  const failures: string[] = [];
  let sent = 0;
  for (const endpoint of ENDPOINTS) {
    for (let i = 0; i < BODIES_PER_ENDPOINT; i++) {
      const { text, type } = malformed(endpoint, next);
      const response = await callers[endpoint.caller].fetch(endpoint.url(ctx), {
        method: endpoint.method,
        headers: { ...sameOrigin(baseURL), "Content-Type": type, ...endpoint.headers?.(ctx) },
        data: text,
      });
      sent++;
      const status = response.status();
      if (status >= 500 || (status < 400 && !endpoint.checksOnly)) failures.push(`${endpoint.method} ${endpoint.url(ctx)} ${text.slice(0, 100)} → ${status} ${(await response.text()).slice(0, 100)}`);
    }
  }
  expect(sent).toBeGreaterThanOrEqual(1000);
  expect(failures).toEqual([]);
  expect(await snapshot(request, office, ctx)).toEqual(before);
  await office.dispose();
  await anonymous.dispose();
  await planner.dispose();
});
