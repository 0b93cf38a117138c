import { expect, test } from "@playwright/test";
import { collectConsoleErrors, paintedShare, waitForMapIdle } from "../helpers";

test("overview shows the district map with boundaries, key numbers and the demo badge", async ({ page }, testInfo) => {
  const errors = collectConsoleErrors(page);
  await page.context().addCookies([{ name: "ga-lang", value: "zh", url: testInfo.project.use.baseURL! }]);
  await page.goto("/");
  await waitForMapIdle(page);
  await expect(page.getByTestId("demo-badge")).toHaveText("演示数据");
  await expect(page.getByRole("link", { name: "总览" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByTestId("key-numbers")).toContainText("1,500");
  // Not a blank canvas: a blank map paints 0% of pixels off the background; the district ~14%.
  expect(await paintedShare(page)).toBeGreaterThan(0.05);
  await page.screenshot({ path: testInfo.outputPath("overview-zh.png") });
  await testInfo.attach("overview-zh", { path: testInfo.outputPath("overview-zh.png"), contentType: "image/png" });
  expect(errors).toEqual([]);
});

test("the language switch turns every header string to English and back", async ({ page }, testInfo) => {
  await page.context().addCookies([{ name: "ga-lang", value: "zh", url: testInfo.project.use.baseURL! }]);
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await page.getByTestId("language-switch").click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByTestId("demo-badge")).toHaveText("Demo data");
  for (const name of ["Overview", "Plan", "Command", "Coverage"]) {
    await expect(page.getByRole("link", { name })).toBeVisible();
  }
  await expect(page.getByRole("heading", { name: "District overview" })).toBeVisible();
  await waitForMapIdle(page);
  await page.screenshot({ path: testInfo.outputPath("overview-en.png") });
  await page.getByTestId("language-switch").click();
  await expect(page.getByRole("link", { name: "总览" })).toBeVisible();
});

for (const [view, heading] of [["plan", "Plan"], ["command", "Command"], ["coverage", "Coverage"]] as const) {
  test(`the ${view} view paints the map and introduces itself`, async ({ page }, testInfo) => {
    const errors = collectConsoleErrors(page);
    await page.context().addCookies([{ name: "ga-lang", value: "en", url: testInfo.project.use.baseURL! }]);
    await page.goto(`/${view}`);
    await waitForMapIdle(page);
    await expect(page.getByRole("heading", { name: heading, level: 1 })).toBeVisible();
    expect(await paintedShare(page)).toBeGreaterThan(0.05);
    await page.screenshot({ path: testInfo.outputPath(`${view}.png`) });
    await testInfo.attach(view, { path: testInfo.outputPath(`${view}.png`), contentType: "image/png" });
    expect(errors).toEqual([]);
  });
}
