import { expect, test } from "@playwright/test";

test("GET /api/health reports the embedded database, PostGIS and the demo counts", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body).toMatchObject({ status: "ok", db: "embedded", demo: true });
  expect(body.postgis).toMatch(/^3\.\d+/);
  expect(body.counts).toMatchObject({ streets: 14, communities: 150, grid_cells: 1500, rental_buildings: 25_000 });
  // The demo's 300 POIs, and any a test imported before this one ran (POI imports cannot be undone).
  expect(body.counts.pois).toBeGreaterThanOrEqual(300);
  expect(body.counts.events).toBeGreaterThan(199_900);
  expect(body.counts.no_stall_zones).toBeGreaterThan(120);
  expect(body.counts.guidance_points).toBeGreaterThan(100);
});

test("boundaries are GeoJSON with codes and names; an unknown level is a 404 with a reason", async ({ request }) => {
  const streets = await request.get("/api/boundaries/streets");
  expect(streets.status()).toBe(200);
  const body = await streets.json();
  expect(body.type).toBe("FeatureCollection");
  expect(body.features).toHaveLength(14);
  const wuma = body.features.find((f: { properties: { code: string } }) => f.properties.code === "330302006000");
  expect(wuma.properties).toMatchObject({ name_zh: "五马街道", name_en: "Wuma Subdistrict" });
  expect(wuma.geometry.type).toBe("MultiPolygon");

  const cells = await (await request.get("/api/boundaries/grid-cells")).json();
  expect(cells.features).toHaveLength(1500);
  expect(cells.features[0].properties.code).toMatch(/^\d{15}$/);

  const unknown = await request.get("/api/boundaries/rivers");
  expect(unknown.status()).toBe(404);
  expect((await unknown.json()).error).toMatch(/unknown boundary level/);
});
