import { expect, test } from "@playwright/test";

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
