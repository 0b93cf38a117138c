import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { createToken } from "../api-helpers";

const hasGdal = (() => {
  try {
    execFileSync("ogrinfo", ["--version"], { stdio: "pipe" });
    return true;
  } catch {
    return false;
  }
})();

test("OGC API – Features: landing, conformance, collections, paged items with next links, filters", async ({ request }) => {
  const landing = await (await request.get("/api/ogc")).json();
  expect(landing.links.map((l: { rel: string }) => l.rel)).toEqual(expect.arrayContaining(["self", "conformance", "data"]));
  const conformance = await (await request.get("/api/ogc/conformance")).json();
  expect(conformance.conformsTo).toContain("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core");
  const collections = await (await request.get("/api/ogc/collections")).json();
  expect(collections.collections.map((c: { id: string }) => c.id).sort()).toEqual(
    ["communities", "events", "footprints", "grid-cells", "guidance-points", "no-stall-zones", "pois", "rental-buildings", "roads", "streets"],
  );

  // However many POIs there are now (another test may have imported some), the collection says so.
  const pois = (await (await request.get("/api/health")).json()).counts.pois as number;
  expect(pois).toBeGreaterThanOrEqual(300);
  const page = await request.get("/api/ogc/collections/pois/items?limit=10&offset=5");
  expect(page.headers()["content-type"]).toContain("application/geo+json");
  const body = await page.json();
  expect(body).toMatchObject({ type: "FeatureCollection", numberMatched: pois, numberReturned: 10 });
  expect(body.links.find((l: { rel: string }) => l.rel === "next").href).toContain("offset=15");
  const one = await (await request.get(`/api/ogc/collections/pois/items/${body.features[0].id}`)).json();
  expect(one.properties.name).toBe(body.features[0].properties.name);

  const schools = await (await request.get("/api/ogc/collections/pois/items?category=school&limit=1000")).json();
  expect(schools.features.length).toBeGreaterThan(0);
  expect(schools.features.every((f: { properties: { category: string } }) => f.properties.category === "school")).toBe(true);
  const boxed = await (await request.get("/api/ogc/collections/grid-cells/items?bbox=120.65,28.01,120.67,28.03&limit=10000")).json();
  expect(boxed.numberMatched).toBeGreaterThan(10);
  expect(boxed.numberMatched).toBeLessThan(1500);
  const recent = await (await request.get("/api/ogc/collections/events/items?datetime=2000-01-01T00:00:00Z/..&limit=1")).json();
  expect(recent.numberMatched).toBeGreaterThan(199_000);

  expect((await request.get("/api/ogc/collections/people/items")).status()).toBe(404);
  expect((await request.get("/api/ogc/collections/pois/items/999999")).status()).toBe(404);
  const bad = await request.get("/api/ogc/collections/pois/items?colour=red");
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error).toMatch(/unknown parameter "colour"/);
  expect((await request.get("/api/ogc/collections/pois/items?bbox=1,2,3")).status()).toBe(400);
  expect((await request.get("/api/ogc/collections/pois/items?datetime=2020-01-01/..")).status()).toBe(400);
  const html = await request.get("/api/ogc/collections?f=html");
  expect(html.headers()["content-type"]).toContain("text/html");
});

test("GDAL's OAPIF driver lists every collection and copies features with matching counts", async ({ baseURL, request }) => {
  test.skip(!hasGdal, "ogrinfo not installed (Debian: apt-get install gdal-bin; .ci/run installs it)");
  // GDAL authenticates like any integration: an API token in the Authorization header.
  const { token } = await createToken(request, baseURL, "commander");
  const auth = ["--config", "GDAL_HTTP_HEADERS", `Authorization: Bearer ${token}`];
  const anonymous = spawnSync("ogrinfo", ["-ro", "-so", `OAPIF:${baseURL}/api/ogc`], { encoding: "utf8" });
  expect(anonymous.status).not.toBe(0); // without the token: 401, nothing listed
  const listing = execFileSync("ogrinfo", [...auth, "-ro", "-so", `OAPIF:${baseURL}/api/ogc`], { encoding: "utf8" });
  for (const id of ["streets", "communities", "grid-cells", "rental-buildings", "no-stall-zones", "guidance-points", "events", "pois", "roads", "footprints"]) {
    expect(listing).toContain(`: ${id} (`);
  }
  const health = await (await request.get("/api/health")).json();
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "grid-atlas-ogr-")), "copy.gpkg");
  // Every collection but events (200,000 rows: copied by hand, see README) is copied whole.
  const layers = {
    streets: health.counts.streets,
    communities: health.counts.communities,
    "grid-cells": health.counts.grid_cells,
    "rental-buildings": health.counts.rental_buildings,
    pois: health.counts.pois,
    "guidance-points": health.counts.guidance_points,
    "no-stall-zones": health.counts.no_stall_zones,
  };
  execFileSync("ogr2ogr", [...auth, "-f", "GPKG", out, `OAPIF:${baseURL}/api/ogc`, ...Object.keys(layers)], { stdio: "pipe" });
  for (const [layer, count] of Object.entries(layers)) {
    const info = execFileSync("ogrinfo", ["-ro", "-so", out, layer], { encoding: "utf8" });
    expect(info, layer).toContain(`Feature Count: ${count}`);
  }
  fs.rmSync(path.dirname(out), { recursive: true, force: true });
});

test("GDAL reads the Shapefile export, Chinese names included", async ({ request }) => {
  test.skip(!hasGdal, "ogrinfo not installed");
  const response = await request.get("/api/exports/guidance-points?format=shapefile");
  expect(response.headers()["content-type"]).toBe("application/zip");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grid-atlas-shp-"));
  const file = path.join(dir, "points.zip");
  fs.writeFileSync(file, await response.body());
  const health = await (await request.get("/api/health")).json();
  const info = execFileSync("ogrinfo", ["-ro", "-al", "-so", `/vsizip/${file}`], { encoding: "utf8" });
  expect(info).toContain(`Feature Count: ${health.counts.guidance_points}`);
  const first = execFileSync("ogrinfo", ["-ro", "-al", "-fid", "0", `/vsizip/${file}`], { encoding: "utf8" });
  expect(first).toMatch(/name \(String\) = \S*[\u4e00-\u9fff]/);
  fs.rmSync(dir, { recursive: true, force: true });
});
