import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { DEMO_ROLES, E2E_DEMO_PASSWORD } from "../accounts";
import { lakeBasemapArchive } from "../../lib/basemap/testing/basemap-fixture";
import { killStartedServers, runScript, serverEnv, startServer, tempDataDir, waitHealthy } from "./server-process";

/**
 * An office network with no tile server in reach: BASEMAP_PMTILES names a local archive, the app
 * serves it by HTTP ranges and the map draws it under the data, with the Chinese name.
 */
test.setTimeout(300_000);
test.afterEach(killStartedServers);

test("a local PMTiles archive is the basemap: read by ranges through the app, drawn under the data with its Chinese name", async ({ page }, testInfo) => {
  const dataDir = tempDataDir("basemap");
  const archive = path.join(dataDir, "..", `${path.basename(dataDir)}.pmtiles`);
  const [lon, lat] = [120.655, 28.018];
  fs.writeFileSync(archive, lakeBasemapArchive(lon, lat).bytes);
  try {
    const env = serverEnv({ DATA_DIR: dataDir, BASEMAP_PMTILES: archive });
    expect(runScript("prepare-db", [], env).status).toBe(0);
    const server = await startServer(3243, env);
    await waitHealthy(server.baseURL);
    const signIn = await page.request.post(`${server.baseURL}/api/auth/sign-in`, {
      data: { email: DEMO_ROLES.planner, password: E2E_DEMO_PASSWORD },
      headers: { Origin: server.baseURL },
    });
    expect(signIn.status()).toBe(200);
    // Signed out, the archive is not served.
    expect((await fetch(`${server.baseURL}/api/basemap/archive.pmtiles`, { headers: { Range: "bytes=0-126" } })).status).toBe(401);

    await page.context().addCookies([{ name: "ga-lang", value: "zh", url: server.baseURL }]);
    const ranges: number[] = [];
    page.on("response", (r) => {
      if (r.url().endsWith("/api/basemap/archive.pmtiles")) ranges.push(r.status());
    });
    await page.goto(`${server.baseURL}/`);
    await expect(page.locator('[data-testid="district-map"][data-map-idle="true"]')).toHaveCount(1, { timeout: 60_000 });
    await page.evaluate(([x, y]) => (window as unknown as { __gridAtlasMap: { jumpTo(o: object): void } }).__gridAtlasMap.jumpTo({ center: [x, y], zoom: 14.5 }), [lon, lat]);
    // jumpTo fires movestart at once, which marks the map busy until its next idle.
    await expect(page.locator('[data-testid="district-map"][data-map-idle="true"]')).toHaveCount(1, { timeout: 60_000 });
    const drawn = await page.evaluate(() => {
      const map = (window as unknown as {
        __gridAtlasMap: {
          getCanvas(): HTMLCanvasElement;
          queryRenderedFeatures(p: [number, number], o: object): { properties: Record<string, unknown> }[];
          queryRenderedFeatures(o: object): { properties: Record<string, unknown> }[];
          getStyle(): { layers: { id: string }[] };
          getLayoutProperty(layer: string, name: string): unknown;
        };
      }).__gridAtlasMap;
      const canvas = map.getCanvas();
      const centre: [number, number] = [canvas.clientWidth / 2, canvas.clientHeight / 2];
      const layerIds = map.getStyle().layers.map((l) => l.id);
      return {
        water: map.queryRenderedFeatures(centre, { layers: ["water"] }).map((f) => f.properties.kind),
        labels: map.queryRenderedFeatures({ layers: ["water_label_lakes"] }).length,
        // The basemap is under the data: its water comes before the street boundaries.
        order: [layerIds.indexOf("water"), layerIds.indexOf("streets-line")],
        labelField: JSON.stringify(map.getLayoutProperty("water_label_lakes", "text-field")),
      };
    });
    expect(drawn.water).toEqual(["lake"]);
    expect(drawn.labels).toBeGreaterThan(0);
    // In the Chinese UI the label asks for the Chinese name first (the archive has name:zh only).
    expect(drawn.labelField.indexOf('"name:zh"')).toBeGreaterThan(-1);
    expect(drawn.order[0]).toBeGreaterThanOrEqual(0);
    expect(drawn.order[0]).toBeLessThan(drawn.order[1]!);
    expect(ranges).toContain(206);
    expect(ranges.every((s) => s === 206 || s === 200)).toBe(true);
    await page.screenshot({ path: testInfo.outputPath("pmtiles-basemap.png") });
  } finally {
    await killStartedServers();
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(archive, { force: true });
  }
});
