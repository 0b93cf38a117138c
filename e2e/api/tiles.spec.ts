import { expect, test } from "@playwright/test";
import { VectorTile } from "@mapbox/vector-tile";
import { PbfReader as Pbf } from "pbf";
import { DEMO_ROLES, E2E_DEMO_PASSWORD, storageStatePath } from "../accounts";
import { createToken, sameOrigin } from "../api-helpers";

const NO_SESSION = { cookies: [], origins: [] };

const WUMA_Z14 = "13683/6862"; // x/y of the tile over Wuma street at z14

test("vector tiles: MVT with ETag revalidation, TileJSON, and clear errors", async ({ request }) => {
  const tile = await request.get(`/api/tiles/grid-cells/14/${WUMA_Z14}.mvt`);
  expect(tile.status()).toBe(200);
  expect(tile.headers()["content-type"]).toBe("application/vnd.mapbox-vector-tile");
  expect((await tile.body()).length).toBeGreaterThan(100);
  const etag = tile.headers()["etag"]!;
  expect(etag).toMatch(/^"grid-cells-\d+-/);
  const again = await request.get(`/api/tiles/grid-cells/14/${WUMA_Z14}.mvt`, { headers: { "If-None-Match": etag } });
  expect(again.status()).toBe(304);

  const tilejson = await (await request.get("/api/tiles/events.json?categories=stall_violation")).json();
  expect(tilejson.tilejson).toBe("3.0.0");
  expect(tilejson.tiles[0]).toMatch(/\/api\/tiles\/events\/\{z\}\/\{x\}\/\{y\}\.mvt\?categories=stall_violation$/);
  expect(tilejson.vector_layers[0].id).toBe("events");

  expect((await request.get("/api/tiles/rivers/14/1/1.mvt")).status()).toBe(404);
  for (const bad of ["/api/tiles/events/3/8/1.mvt", "/api/tiles/events/x/1/1.mvt", "/api/tiles/events/30/1/1.mvt", "/api/tiles/events/3/1/1.png"]) {
    const response = await request.get(bad);
    expect(response.status(), bad).toBe(400);
    expect((await response.json()).error, bad).toBeTruthy();
  }
  const empty = await request.get(`/api/tiles/events/14/${WUMA_Z14}.mvt?from=2001-01-01&to=2001-02-01`);
  expect(empty.status()).toBe(200);
  expect((await empty.body()).length).toBe(0);
  expect((await request.get(`/api/tiles/events/14/${WUMA_Z14}.mvt?categories=ufo`)).status()).toBe(400);
});

/** The features of one layer in an MVT body, with their properties (decoded here, not by the server's code). */
function decodeLayer(body: Buffer, layer: string): Record<string, unknown>[] {
  const tile = new VectorTile(new Pbf(body));
  const found = tile.layers[layer];
  return found ? Array.from({ length: found.length }, (_, i) => found.feature(i).properties) : [];
}

// Tiles are kept in memory and in the tile_cache table; neither may outlive an edit, a sign-out
// or a revoked token. Each check asks for the same tile twice first, so it is cached before the change.
test("an edit, a sign-out and a revoked token take effect on the very next tile request", async ({ request, baseURL, playwright }) => {
  const z16 = "/api/tiles/rental-buildings/16/54733/27450.mvt"; // over 五马街道's centre
  const office = await playwright.request.newContext({ baseURL, storageState: storageStatePath("street_office") });
  const first = await office.get(z16);
  expect(first.status()).toBe(200);
  // The production server answers tiles before Next.js (lib/tiles/fast-path.ts), with Next's headers.
  expect(first.headers()["server-timing"]).toContain("fast path");
  expect(first.headers()["x-frame-options"]).toBe("DENY");
  const before = decodeLayer(await first.body(), "rental-buildings");
  expect(before.length, "the tile holds buildings").toBeGreaterThan(0);
  const code = String(before[0]!.code);
  const units = Number(before[0]!.units);
  const changed = units > 100 ? units - 3 : units + 3; // another spec may have set any count up to 10,000
  expect((await office.get(z16)).headers()["etag"]).toBe(first.headers()["etag"]);
  const saveUnits = async (value: number) => {
    const building = await office.get(`/api/rental-buildings/${code}`);
    return office.patch(`/api/rental-buildings/${code}`, { data: { units: value }, headers: { ...sameOrigin(baseURL), "If-Match": building.headers()["etag"]! } });
  };
  try {
    const saved = await saveUnits(changed);
    expect(saved.status(), await saved.text()).toBe(200);
    const after = await office.get(z16);
    expect(after.headers()["etag"]).not.toBe(first.headers()["etag"]);
    expect(decodeLayer(await after.body(), "rental-buildings").find((f) => f.code === code)?.units).toBe(changed);
  } finally {
    await saveUnits(units); // the shared demo database as it was
  }
  await office.dispose();

  // Signed out: the old session cookie, sent again as it was, no longer opens the tile.
  const commander = await playwright.request.newContext({ baseURL, storageState: NO_SESSION });
  const signIn = await commander.post("/api/auth/sign-in", { data: { email: DEMO_ROLES.commander, password: E2E_DEMO_PASSWORD }, headers: sameOrigin(baseURL) });
  expect(signIn.status()).toBe(200);
  const session = (await commander.storageState()).cookies.find((c) => c.name === "ga_session")!.value;
  const withOldCookie = { headers: { Cookie: `ga_session=${session}` } };
  expect((await commander.get(z16, withOldCookie)).status()).toBe(200);
  expect((await commander.get(z16, withOldCookie)).status()).toBe(200);
  expect((await commander.post("/api/auth/sign-out", { headers: sameOrigin(baseURL) })).status()).toBe(200);
  expect((await commander.get(z16, withOldCookie)).status()).toBe(401);
  await commander.dispose();

  const { id, token } = await createToken(request, baseURL, "commander");
  const system = await playwright.request.newContext({ baseURL, storageState: NO_SESSION, extraHTTPHeaders: { Authorization: `Bearer ${token}` } });
  expect((await system.get(z16)).status()).toBe(200);
  expect((await system.get(z16)).status()).toBe(200);
  expect((await request.delete(`/api/tokens/${id}`, { headers: sameOrigin(baseURL) })).status()).toBe(200);
  expect((await system.get(z16)).status()).toBe(401);
  await system.dispose();
});
