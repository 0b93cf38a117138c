import fs from "node:fs";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { VectorTile } from "@mapbox/vector-tile";
import { PbfReader as Protobuf } from "pbf";
import { gbkShapefileZip } from "../../lib/imports/testing/shapefile-fixture";
import { cells, communityFeatures, GAP, GK_120E, insideRectangle, OVERLAP, streetFeature, toLonLat, X0, Y0 } from "../../lib/imports/testing/district-fixture";
import { hasTestPostgres, scratchDatabase } from "./postgres";
import { killStartedServers, runScript, serverEnv, startServer, tempDataDir, waitHealthy } from "./server-process";

/**
 * A district's first day, as an office goes through it: an empty database, the first admin made
 * in the browser with the set-up code the server printed, then streets, communities and grid
 * cells from the office's own Shapefiles (CGCS2000 Gauss–Krüger, GBK .dbf, no .cpg), a planted
 * gap and overlap found where they are, and the new grid in coverage, tiles and the OGC API.
 */
test.describe.configure({ mode: "serial" });
test.setTimeout(300_000);
test.afterEach(killStartedServers);

const ADMIN = { email: "chief@district.example", name: "区网格中心", password: "first admin password" };

async function importViaApi(client: APIRequestContext, baseURL: string, layer: string, name: string, bytes: Uint8Array): Promise<Record<string, unknown>> {
  const created = await client.post(`${baseURL}/api/imports`, {
    multipart: { layer, crs: "cgcs2000", file: { name, mimeType: "application/zip", buffer: Buffer.from(bytes) } },
    headers: { Origin: baseURL },
  });
  expect(created.status(), await created.text()).toBe(202);
  const { id } = (await created.json()) as { id: string };
  let job: { status: string; report: Record<string, unknown> } = { status: "parsing", report: {} };
  await expect.poll(async () => (job = await (await client.get(`${baseURL}/api/imports/${id}`)).json()).status, { timeout: 60_000 }).toBe("ready");
  const committed = await client.post(`${baseURL}/api/imports/${id}/commit`, { headers: { Origin: baseURL } });
  expect(committed.status(), await committed.text()).toBe(200);
  return job.report;
}

async function firstAdmin(page: Page, baseURL: string, code: string): Promise<void> {
  await page.context().addCookies([{ name: "ga-lang", value: "zh", url: baseURL }]);
  await page.goto(`${baseURL}/sign-in`);
  await page.getByTestId("first-run-link").click();
  await expect(page.getByRole("heading", { name: "首次设置：创建管理员账户" })).toBeVisible();
  // A guessed code is refused and changes nothing.
  await page.getByTestId("first-run-code").fill("2345-6789-ABCD");
  await page.getByLabel("管理员邮箱").fill(ADMIN.email);
  await page.getByLabel("显示名称").fill(ADMIN.name);
  await page.getByLabel("密码（至少 10 个字符）").fill(ADMIN.password);
  await page.getByLabel("再次输入密码").fill(ADMIN.password);
  await page.getByRole("button", { name: "创建管理员并登录" }).click();
  await expect(page.getByTestId("first-run-error")).toContainText("设置码不正确");
  // The code from the server's log, typed in lower case.
  await page.getByTestId("first-run-code").fill(code.toLowerCase());
  await page.getByRole("button", { name: "创建管理员并登录" }).click();
  await page.waitForURL(`${baseURL}/setup`);
  await expect(page.getByRole("heading", { name: "区情设置", level: 1 })).toBeVisible();
}

for (const kind of ["embedded", "postgres"] as const) {
  test(`an empty ${kind} database becomes a working district: first admin with the set-up code, then its own Shapefiles`, async ({ page }, testInfo) => {
    test.skip(kind === "postgres" && !hasTestPostgres(), "TEST_DATABASE_URL not set (.ci/run sets it)");
    const scratch = kind === "postgres" ? await scratchDatabase() : null;
    const dataDir = kind === "embedded" ? tempDataDir("first-run") : null;
    try {
      // Embedded: the demo is the default there, so an empty start asks for none. PostgreSQL: the default is empty.
      const env = serverEnv(scratch ? { DATABASE_URL: scratch.url } : { DATA_DIR: dataDir!, SEED_DEMO: "0" });
      if (scratch) delete env.SEED_DEMO;
      const prepared = runScript("prepare-db", [], env);
      expect(prepared.status, prepared.output).toBe(0);
      const code = /set-up code\s+([2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4})/.exec(prepared.output)?.[1];
      expect(code, prepared.output).toBeTruthy();
      const server = await startServer(kind === "embedded" ? 3241 : 3242, env);
      const health = (await waitHealthy(server.baseURL)) as { demo: boolean; counts: Record<string, number> };
      expect(health.demo).toBe(false);
      expect(health.counts).toMatchObject({ streets: 0, communities: 0, grid_cells: 0, rental_buildings: 0, events: 0 });

      await firstAdmin(page, server.baseURL, code!);
      const client = page.request; // the browser's session: the new admin

      // Streets and communities from the office's Shapefiles, through the API.
      const street = await importViaApi(client, server.baseURL, "streets", "街道.zip", await gbkShapefileZip([streetFeature], { prj: GK_120E }));
      expect(street).toMatchObject({ ok: 1, rejected: 0 });
      expect(await importViaApi(client, server.baseURL, "communities", "社区.zip", await gbkShapefileZip(communityFeatures, { prj: GK_120E }))).toMatchObject({ ok: 2, rejected: 0 });

      // The grid through the import page: the report shows the planted gap and overlap.
      await page.goto(`${server.baseURL}/import?layer=grid-cells`);
      const grid = await gbkShapefileZip([...cells(1), ...cells(2)], { prj: GK_120E });
      await page.getByTestId("import-file").setInputFiles({ name: "网格.zip", mimeType: "application/zip", buffer: Buffer.from(grid) });
      await page.getByTestId("import-crs").selectOption("cgcs2000");
      const posted = page.waitForResponse((r) => r.url().endsWith("/api/imports") && r.request().method() === "POST");
      await page.getByTestId("import-upload").click();
      const gridJob = (await (await posted).json()) as { id: string };
      await expect(page.getByTestId("import-ok")).toHaveText("32", { timeout: 60_000 });
      await expect(page.getByTestId("topology-gap")).toHaveCount(1);
      await expect(page.getByTestId("topology-overlap")).toHaveCount(1);
      await expect(page.getByTestId("import-topology")).toContainText(GAP.code);
      await expect(page.getByTestId("import-preview-map")).toHaveAttribute("data-map-idle", "true", { timeout: 60_000 });
      await page.screenshot({ path: testInfo.outputPath(`first-run-${kind}-grid-report.png`), fullPage: true });
      await page.getByTestId("import-commit").click();
      await expect(page.getByTestId("import-done")).toContainText("已写入");

      // The report's numbers, read back: place and area (±5 %) of each finding.
      const topology = ((await (await client.get(`${server.baseURL}/api/imports/${gridJob.id}`)).json()) as { report: { topology: { kind: string; area_m2: number; at: [number, number] }[] } }).report.topology;
      const gap = topology.find((f) => f.kind === "gap")!;
      const overlap = topology.find((f) => f.kind === "overlap")!;
      expect(Math.abs(gap.area_m2 - GAP.area) / GAP.area).toBeLessThan(0.05);
      expect(insideRectangle(gap.at, GAP)).toBe(true);
      expect(Math.abs(overlap.area_m2 - OVERLAP.area) / OVERLAP.area).toBeLessThan(0.05);
      expect(insideRectangle(overlap.at, OVERLAP)).toBe(true);

      // The new grid everywhere: coverage, vector tiles, the OGC API.
      const expected = [...cells(1), ...cells(2)].map((c) => c.properties["网格编码"]!).sort();
      const coverage = (await (await client.get(`${server.baseURL}/api/analytics/coverage`)).json()) as { features: { properties: { code: string } }[] };
      expect(coverage.features.map((f) => f.properties.code).sort()).toEqual(expected);
      const items = (await (await client.get(`${server.baseURL}/api/ogc/collections/grid-cells/items?limit=100`)).json()) as { numberMatched: number };
      expect(items.numberMatched).toBe(32);
      const [lon, lat] = toLonLat.forward([X0 + 1000, Y0 + 500]);
      const z = 14;
      const x = Math.floor(((lon! + 180) / 360) * 2 ** z);
      const y = Math.floor(((1 - Math.log(Math.tan((lat! * Math.PI) / 180) + 1 / Math.cos((lat! * Math.PI) / 180)) / Math.PI) / 2) * 2 ** z);
      const tile = await client.get(`${server.baseURL}/api/tiles/grid-cells/${z}/${x}/${y}.mvt`);
      expect(tile.status()).toBe(200);
      const layer = new VectorTile(new Protobuf(await tile.body())).layers["grid-cells"]!;
      const codes = new Set(Array.from({ length: layer.length }, (_, i) => String(layer.feature(i).properties.code)));
      expect([...codes].every((c) => expected.includes(c)) && codes.size > 0).toBe(true);

      // /setup says what is done and what comes next.
      await page.goto(`${server.baseURL}/setup`);
      await expect(page.getByTestId("setup-grid-cells")).toContainText("32");
      await page.screenshot({ path: testInfo.outputPath(`first-run-${kind}-setup.png`), fullPage: true });
    } finally {
      await killStartedServers();
      await scratch?.drop();
      if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
}
