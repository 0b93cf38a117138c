import { expect, test } from "@playwright/test";
import { storageStatePath } from "../accounts";

test.use({ storageState: storageStatePath("planner") });

test("a planner uploads GCJ-02 GeoJSON, reads the check report and writes it", async ({ page }, testInfo) => {
  const before = (await (await page.request.get("/api/health")).json()).counts.pois;
  const features = [
    { type: "Feature", geometry: { type: "Point", coordinates: [120.6652, 28.0205] }, properties: { name: "导入市场一", category: "market" } },
    { type: "Feature", geometry: { type: "Point", coordinates: [120.6702, 28.0185] }, properties: { name: "导入市场二", category: "market" } },
    { type: "Feature", geometry: { type: "Point", coordinates: [120.6702, 28.0185] }, properties: { name: "没有类别" } },
  ];
  await page.goto("/import");
  await page.getByTestId("import-file").setInputFiles({ name: "markets.geojson", mimeType: "application/geo+json", buffer: Buffer.from(JSON.stringify({ type: "FeatureCollection", features })) });
  await page.getByTestId("import-layer").selectOption("pois");
  await page.getByTestId("import-crs").selectOption("gcj02");
  await page.getByTestId("import-upload").click();
  await expect(page.getByTestId("import-report")).toBeVisible();
  await expect(page.getByTestId("import-ok")).toHaveText("2");
  await expect(page.getByTestId("import-rejected")).toHaveText("1");
  await expect(page.getByTestId("import-report")).toContainText("category");
  await expect(page.getByTestId("import-preview-map")).toHaveAttribute("data-map-idle", "true");
  await page.screenshot({ path: testInfo.outputPath("import-report.png") });
  expect((await (await page.request.get("/api/health")).json()).counts.pois).toBe(before); // nothing yet
  await page.getByTestId("import-commit").click();
  await expect(page.getByTestId("import-done")).toBeVisible();
  expect((await (await page.request.get("/api/health")).json()).counts.pois).toBe(before + 2);
  const csv = await (await page.request.get("/api/exports/pois?format=csv&category=market")).text();
  expect(csv).toContain("导入市场一");
});
