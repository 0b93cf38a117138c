import { expect, test } from "@playwright/test";

test("hot spots: GeoJSON with Gi* properties and a summary naming the method", async ({ request }) => {
  const response = await request.get("/api/analytics/hotspots?unit=grid-cells&categories=stall_violation,complaint");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("application/geo+json");
  const body = await response.json();
  expect(body.type).toBe("FeatureCollection");
  expect(body.features).toHaveLength(1500);
  expect(body.features[0].properties).toEqual(
    expect.objectContaining({ gi_z: expect.any(Number), gi_p: expect.any(Number), gi_p_fdr: expect.any(Number), gi_bin: expect.any(Number) }),
  );
  expect(body.summary).toMatchObject({ method: "Getis-Ord Gi*", fdr: true, alpha: 0.05 });
  expect(body.summary.hot).toBeGreaterThan(5);
});

test("emerging hot spots, coverage and density answer on the demo district", async ({ request }) => {
  const emerging = await (await request.get("/api/analytics/emerging-hotspots?unit=grid-cells&categories=stall_violation,complaint")).json();
  expect(emerging.summary.steps).toBeGreaterThanOrEqual(51);
  expect(emerging.summary.categories_found.intensifying_hot).toBeGreaterThan(0);
  const coverage = await (await request.get("/api/analytics/coverage?unit=streets")).json();
  expect(coverage.features).toHaveLength(14);
  expect(coverage.summary.targets.registration).toMatchObject({ value: 0.95, fallback: false, valid_from: "2013-01-01" });
  expect(coverage.summary.targets.registration.source.title).toMatch(/2013.*已废止/);
  expect(coverage.summary.targets.patrol).toMatchObject({ value: 1, own_choice: true, source: null });
  const density = await (await request.get("/api/analytics/density?unit=h3&resolution=8")).json();
  expect(density.features.length).toBeGreaterThan(100);
});

test("bad analysis parameters get a 400 naming the parameter, never a 500", async ({ request }) => {
  const cases: [string, RegExp][] = [
    ["/api/analytics/hotspots?unit=parishes", /^unit:/],
    ["/api/analytics/hotspots?categories=ufo", /unknown category "ufo"/],
    ["/api/analytics/hotspots?from=2026-02-01&to=2026-01-01", /from must be before to/],
    ["/api/analytics/hotspots?weights=rook", /^weights:/],
    ["/api/analytics/density?bandwidth=1", /bandwidth is 50–5000 m/],
    ["/api/analytics/coverage?unit=h3", /not h3/],
    ["/api/analytics/emerging-hotspots?from=2026-01-01&to=2026-01-10", /at least 4 time steps/],
    ["/api/analytics/hotspots?unit=streets&street=330302006000", /at least 3 units/],
    ["/api/analytics/hotspots?street=330302999000", /no street or district with code/],
  ];
  for (const [url, message] of cases) {
    const response = await request.get(url);
    expect(response.status(), url).toBeGreaterThanOrEqual(400);
    expect(response.status(), url).toBeLessThan(500);
    expect((await response.json()).error, url).toMatch(message);
  }
});
