import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { DEMO_ROLES, E2E_DEMO_PASSWORD } from "../accounts";
import { sameOrigin } from "../api-helpers";

/** The planner's API over HTTP: bad geometry, the ETag sequence, publishing, tiles seeing changes. */
let planner: APIRequestContext;
let baseURL: string;

test.beforeAll(async ({ baseURL: url }) => {
  baseURL = url!;
  planner = await playwrightRequest.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const signedIn = await planner.post("/api/auth/sign-in", { data: { email: DEMO_ROLES.planner, password: E2E_DEMO_PASSWORD }, headers: sameOrigin(baseURL) });
  expect(signedIn.status()).toBe(200);
});
test.afterAll(async () => planner?.dispose());

const X = 120.6935;
const Y = 28.0105;
const square = (x: number, y: number, d: number) => ({ type: "Polygon", coordinates: [[[x - d, y - d], [x + d, y - d], [x + d, y + d], [x - d, y + d], [x - d, y - d]]] });
const props = { name: "E2E zone", category: "commercial_core", legal_basis: "test", valid_from: "2026-01-01" };
const post = (path: string, data: unknown, headers: Record<string, string> = {}) => planner.post(path, { data: data as object, headers: { ...sameOrigin(baseURL), ...headers } });

test("bad geometry and bodies get a 4xx with a reason (and place), and change nothing", async () => {
  const before = (await (await planner.get("/api/zones")).json()).features.length;
  const d = 0.001;
  const cases: [string, unknown, number, RegExp][] = [
    ["bow-tie", { type: "Polygon", coordinates: [[[X - d, Y - d], [X + d, Y + d], [X + d, Y - d], [X - d, Y + d], [X - d, Y - d]]] }, 422, /self-intersection/i],
    ["unclosed ring", { type: "Polygon", coordinates: [[[X, Y], [X + d, Y], [X + d, Y + d], [X, Y + d]]] }, 400, /not closed/],
    ["3 positions", { type: "Polygon", coordinates: [[[X, Y], [X + d, Y], [X, Y]]] }, 400, /at least 4 positions/],
    ["hole outside shell", { type: "Polygon", coordinates: [square(X, Y, d).coordinates[0], square(X + 0.01, Y, d / 4).coordinates[0]] }, 422, /hole/i],
    ["strings for numbers", { type: "Polygon", coordinates: [[["120.69", Y], [X + d, Y], [X + d, Y + d], ["120.69", Y]]] }, 400, /number/],
    ["swapped lon/lat", { type: "Polygon", coordinates: [[[Y, X], [Y + d, X], [Y + d, X + d], [Y, X]]] }, 400, /swapped/],
  ];
  for (const [name, geometry, status, reason] of cases) {
    const response = await post("/api/zones", { type: "Feature", geometry, properties: props });
    expect(response.status(), name).toBe(status);
    const body = await response.json();
    expect(body.error, name).toMatch(reason);
    if (name === "bow-tie") expect(body.errors[0].location).toHaveLength(2);
  }
  const unknown = await post("/api/zones", { type: "Feature", geometry: square(X, Y, d), properties: { ...props, colour: "red" } });
  expect(unknown.status()).toBe(400);
  expect((await unknown.json()).error).toMatch(/colour/);
  // A million vertices (~25 MB) and a 50 MB body are refused before they are read.
  const million = Array.from({ length: 1_000_000 }, (_, i) => [X + Math.cos(i) * d, Y + Math.sin(i) * d]);
  const huge = await planner.post("/api/zones", { data: JSON.stringify({ type: "Feature", geometry: { type: "Polygon", coordinates: [million] }, properties: props }), headers: { ...sameOrigin(baseURL), "Content-Type": "application/json" } });
  expect(huge.status()).toBe(413);
  const fifty = await planner.post("/api/zones", { data: "x".repeat(50 * 1024 * 1024), headers: { ...sameOrigin(baseURL), "Content-Type": "application/json" } });
  expect(fifty.status()).toBe(413);
  let deep: unknown = 1;
  for (let i = 0; i < 100; i++) deep = [deep];
  expect((await post("/api/zones", { type: "Feature", geometry: deep, properties: props })).status()).toBe(400);
  expect((await (await planner.get("/api/zones")).json()).features.length).toBe(before);
});

test("ETags: missing If-Match → 428, stale → 412 with the current version, right → 200 with a new ETag; publish shows in tiles", async () => {
  const created = await post("/api/zones", { type: "Feature", geometry: square(X, Y, 0.0005), properties: props, note: "e2e" });
  expect(created.status(), await created.text()).toBe(201);
  const zone = await created.json();
  expect(created.headers().etag).toBe('"1"');
  const url = `/api/zones/${zone.id}`;
  const patch = (headers: Record<string, string>, name: string) => planner.patch(url, { data: { properties: { name } }, headers: { ...sameOrigin(baseURL), ...headers } });

  expect((await patch({}, "no precondition")).status()).toBe(428);
  const first = await patch({ "If-Match": '"1"' }, "Renamed once");
  expect(first.status()).toBe(200);
  expect(first.headers().etag).toBe('"2"');
  const stale = await patch({ "If-Match": '"1"' }, "Lost update");
  expect(stale.status()).toBe(412);
  const staleBody = await stale.json();
  expect(staleBody.current_version).toBe(2);
  expect(staleBody.current.properties.name).toBe("Renamed once");

  const tileBefore = await planner.get("/api/tiles/no-stall-zones/14/13684/6863.mvt");
  const publish = await post(`${url}/publish`, { note: "checked on site" }, { "If-Match": '"2"' });
  expect(publish.status(), await publish.text()).toBe(200);
  expect((await publish.json()).properties.status).toBe("active");
  const tileAfter = await planner.get("/api/tiles/no-stall-zones/14/13684/6863.mvt");
  expect(tileAfter.headers().etag).not.toBe(tileBefore.headers().etag); // the tile cache saw the change

  expect((await post(`${url}/publish`, { note: "again" }, { "If-Match": '"3"' })).status()).toBe(409);
  const versions = await (await planner.get(`${url}/versions`)).json();
  expect(versions.map((v: { action: string }) => v.action)).toEqual(["publish", "update", "create"]);
  expect((await planner.delete(url, { headers: { ...sameOrigin(baseURL), "If-Match": '"3"' } })).status()).toBe(409); // published: retire instead
  const retired = await post(`${url}/retire`, { note: "moved" }, { "If-Match": '"3"' });
  expect((await retired.json()).properties.status).toBe("retired");
});
