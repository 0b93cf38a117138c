import { expect, test } from "@playwright/test";
import { storageStatePath } from "../accounts";

test.use({ storageState: storageStatePath("admin") });

/**
 * Two cells in Wuma's first community that overlap each other and the stored cells there: the
 * import's topology check reports it, drawn on the preview map; the admin discards the import.
 */
function overlappingCells(community: string, ring: number[][]) {
  const [x0, y0] = ring[0]!;
  const square = (dx: number) => [[x0! + dx, y0!], [x0! + dx + 0.002, y0!], [x0! + dx + 0.002, y0! + 0.002], [x0! + dx, y0! + 0.002], [x0! + dx, y0!]];
  return {
    type: "FeatureCollection",
    features: [
      { type: "Feature", geometry: { type: "Polygon", coordinates: [square(0)] }, properties: { 网格编码: `${community}998` } },
      { type: "Feature", geometry: { type: "Polygon", coordinates: [square(0.001)] }, properties: { 网格编码: `${community}999` } },
    ],
  };
}

test("an admin reads the district set-up, records a target and checks a grid import's topology before discarding it", async ({ page }, testInfo) => {
  await page.context().addCookies([{ name: "ga-lang", value: "zh", url: testInfo.project.use.baseURL! }]);
  await page.goto("/setup");
  await expect(page.getByRole("heading", { name: "区情设置", level: 1 })).toBeVisible();
  await expect(page.getByTestId("setup-next")).toContainText("区划和网格已就绪");
  await expect(page.getByTestId("setup-streets")).toContainText("14");
  await expect(page.getByTestId("setup-grid-cells")).toContainText("1,500");
  await expect(page.getByTestId("target-registration")).toContainText("95%");
  await expect(page.getByTestId("target-registration")).toContainText("已废止");
  await expect(page.getByTestId("target-patrol")).toContainText("本区自定");
  // The demo district is marked for removal, but not by a demo account (those go with it).
  await expect(page.getByTestId("demo-counts")).toContainText("网格 1,500、社区 150、街道 14");
  await expect(page.getByTestId("demo-blockers")).toContainText("您正在使用演示账号登录");
  await expect(page.getByTestId("demo-remove")).toBeDisabled();

  // A target from a far date, so no other test's coverage changes.
  const form = page.getByTestId("target-form");
  await form.locator('select[name="metric"]').selectOption("guidance");
  await form.locator('input[name="percent"]').fill("85");
  await form.locator('input[name="valid_from"]').fill("2099-01-01");
  await form.getByRole("checkbox").check();
  await form.locator('input[name="note"]').fill("端到端测试");
  await form.getByRole("button", { name: "保存目标" }).click();
  await expect(page.getByRole("status").filter({ hasText: "已保存" })).toBeVisible();
  await expect(page.getByTestId("target-guidance")).toContainText("85% 自 2099-01-01");
  // The work-settings form says what each box is, and the value's unit follows the setting chosen.
  const settings = page.getByTestId("setting-form");
  await expect(settings.getByLabel("数值（天）")).toBeVisible();
  await settings.getByLabel("设置").selectOption("case_days_complaint");
  await expect(settings.getByLabel("数值（个工作日）")).toBeVisible();
  await expect(settings.getByLabel("依据或说明（可选）")).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("setup.png"), fullPage: true });

  const cells = (await (await page.request.get("/api/boundaries/grid-cells")).json()) as { features: { properties: { code: string }; geometry: { coordinates: number[][][][] } }[] };
  const wuma = cells.features.find((f) => f.properties.code.startsWith("330302006"))!;
  const community = wuma.properties.code.slice(0, 12);
  await page.getByTestId("setup-grid-cells").getByRole("link", { name: "导入" }).click();
  await expect(page.getByTestId("import-layer")).toHaveValue("grid-cells");
  await expect(page.getByTestId("import-mode")).toBeVisible();
  const file = overlappingCells(community, wuma.geometry.coordinates[0]![0]!);
  await page.getByTestId("import-file").setInputFiles({ name: "网格.geojson", mimeType: "application/geo+json", buffer: Buffer.from(JSON.stringify(file)) });
  await page.getByTestId("import-upload").click();
  await expect(page.getByTestId("import-report")).toBeVisible();
  await expect(page.getByTestId("import-ok")).toHaveText("2");
  const overlaps = page.getByTestId("topology-overlap");
  await expect(overlaps.first()).toBeVisible();
  await expect(page.getByTestId("import-topology")).toContainText(`${community}998、${community}999`);
  await expect(page.getByTestId("import-preview-map")).toHaveAttribute("data-map-idle", "true");
  await page.screenshot({ path: testInfo.outputPath("setup-import-topology.png"), fullPage: true });
  const before = (await (await page.request.get("/api/health")).json()).counts.grid_cells;
  await page.getByRole("button", { name: "放弃" }).click();
  await expect(page.getByTestId("import-done")).toContainText("已放弃");
  expect((await (await page.request.get("/api/health")).json()).counts.grid_cells).toBe(before);
});
