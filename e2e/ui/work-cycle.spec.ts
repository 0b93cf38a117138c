import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { DEMO_ROLES, E2E_DEMO_PASSWORD } from "../accounts";
import { waitForMapIdle } from "../helpers";

// A street office (五马街道) at work, in Chinese, signed in through the page as a person would.
test.use({ storageState: { cookies: [], origins: [] }, locale: "zh-CN" });

const chinaToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const lastMonth = () => {
  const [y, m] = chinaToday().split("-").map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
};

async function signInAsStreetOffice(page: Page): Promise<void> {
  await page.goto("/coverage");
  await page.getByLabel(/邮箱/).fill(DEMO_ROLES.street_office);
  await page.getByLabel(/密码/).fill(E2E_DEMO_PASSWORD);
  await page.getByRole("button", { name: /登录/ }).click();
  await expect(page).toHaveURL(/\/coverage$/);
  await waitForMapIdle(page);
}

test("a street office records a check that finds a fire hazard, sees the rectification and its deadline, clears it, and reports last month", async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  await signInAsStreetOffice(page);

  // The work list of buildings not checked this month; a row opens the building's card.
  const lists = page.getByTestId("worklists");
  await lists.getByTestId("worklist-unchecked").click();
  const firstRow = lists.getByTestId("worklist-table").locator("tbody tr").first();
  await expect(firstRow).toBeVisible();
  // By keyboard: Enter on the row opens the card with the focus in it, so Tab goes on to its form.
  await firstRow.focus();
  await page.keyboard.press("Enter");
  const card = page.getByTestId("building-card");
  await expect(card).toBeVisible();
  await expect(page.getByTestId("details-panel").locator("h2")).toBeFocused();
  // The map rings the building, though the rental-building layer is off.
  const ringed = () => page.evaluate(() => (window as unknown as { __gridAtlasMap: { queryRenderedFeatures(o: object): unknown[] } }).__gridAtlasMap.queryRenderedFeatures({ layers: ["command-picked-point"] }).length);
  await expect.poll(ringed, { timeout: 15_000 }).toBe(1);
  // The cell as the tables name it: 社区 and number, not its 15-digit code.
  await expect(card.getByTestId("building-cell")).toHaveText(/^\S+ \d{3}$/);
  const form = card.getByTestId("check-form");
  await expect(form).toBeVisible();

  // Found: ③ a fire hazard, in a building with a rented unit.
  await form.getByRole("checkbox", { name: /③/ }).check();
  await form.getByLabel("已出租套数").fill("1");
  await form.locator('textarea[name="note"]').fill("二楼楼道堆放杂物");
  await form.getByRole("button", { name: "保存检查" }).click();
  await expect(card.getByRole("status")).toContainText("已开启整改");
  // A saved check leaves a fresh form: no note carried over into the next one; the focus is on what was recorded.
  await expect(form.locator('textarea[name="note"]')).toHaveValue("");
  await expect(card.getByRole("status")).toBeFocused();
  await expect(card.getByTestId("rental-status")).toContainText("不准出租");
  const due = addDays(chinaToday(), 30);
  await expect(card.getByTestId("rectifications")).toContainText(`③ 消防不达标 · 整改期限 ${due}`);
  await expect(card.getByTestId("check-history").locator("li").first()).toContainText(chinaToday());
  await page.screenshot({ path: testInfo.outputPath("check-fire-hazard.png") });

  // The clearing re-check closes it.
  await form.getByRole("checkbox", { name: /③/ }).uncheck();
  await form.getByRole("button", { name: "保存检查" }).click();
  await expect(card.getByRole("status")).toContainText("已完成整改");
  await expect(card).not.toContainText("③ 消防不达标 · 整改期限");
  await page.screenshot({ path: testInfo.outputPath("check-cleared.png") });

  // A refusal reads in Chinese, with what to do about it; nothing is recorded.
  const checks = await card.getByTestId("check-history").locator("li").count();
  await form.getByLabel("检查日期").fill("2020-01-02");
  await form.getByRole("button", { name: "保存检查" }).click();
  await expect(form.getByRole("alert")).toContainText("早于该房屋登记入库的日期");
  await expect(card.getByTestId("check-history").locator("li")).toHaveCount(checks);
  // Esc closes the card (the focus is still in it), and the ring on the map goes with it.
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("details-panel")).toHaveCount(0);
  await expect.poll(ringed).toBe(0);

  // Last month, once the server has frozen it (it does so shortly after it starts).
  const month = lastMonth();
  await expect.poll(async () => (await page.request.get(`/api/reports/monthly?month=${month}`)).status(), { timeout: 90_000 }).toBe(200);
  await page.getByTestId("month-select").selectOption(month);
  await expect(page.getByTestId("month-status")).toContainText("冻结，不再变动");
  await expect(page.getByTestId("coverage-table").locator("tbody tr").first()).toBeVisible();
  await expect(page.getByTestId("change").first()).toHaveText(/[↑↓→]|–/);
  await page.screenshot({ path: testInfo.outputPath("coverage-last-month.png") });

  // The street's monthly report as a PDF, with its fonts embedded.
  const downloading = page.waitForEvent("download");
  await page.getByTestId("monthly-pdf").click();
  const download = await downloading;
  const file = testInfo.outputPath("monthly-report.pdf");
  await download.saveAs(file);
  const pdf = fs.readFileSync(file);
  expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  // Glyphs travel with the file (Chromium embeds TrueType subsets or Type 3 glyph programs).
  expect(pdf.includes(Buffer.from("/FontFile")) || pdf.includes(Buffer.from("/Subtype /Type3"))).toBe(true);
  // Where poppler is installed, its text shows the Chinese title and the month's figures.
  try {
    const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
    expect(text).toContain("出租房屋与网格管理月报");
    expect(text).toContain("出租房屋登记率");
    expect(text).toContain("整改事项");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
});
