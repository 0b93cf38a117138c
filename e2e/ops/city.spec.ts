import { expect, test, type Browser, type Page } from "@playwright/test";
import { DEMO_ROLES, E2E_DEMO_PASSWORD } from "../accounts";
import { killStartedServers, runScript, serverEnv, startServer, tempDataDir, waitHealthy } from "./server-process";

/**
 * A city of two districts (issue #20) in the browser: 鹿城区 (330302, the generated district) and
 * its copy 龙湾区 (330303). The city commander's overview follows the 区县 picker; the city admin
 * keeps targets per district on 区情设置; 龙湾区's own admin sees and is judged by 龙湾区's.
 */
test.describe.configure({ mode: "serial" });
test.setTimeout(300_000);
test.afterEach(killStartedServers);

const LONGWAN_ADMIN = { email: "longwan-admin@example.org", password: "longwan admin password" };

async function signedInPage(browser: Browser, baseURL: string, email: string, password: string): Promise<Page> {
  const context = await browser.newContext({ locale: "zh-CN", storageState: { cookies: [], origins: [] } });
  await context.addCookies([{ name: "ga-lang", value: "zh", url: baseURL }]);
  const response = await context.request.post(`${baseURL}/api/auth/sign-in`, { data: { email, password }, headers: { Origin: baseURL } });
  expect(response.status(), await response.text()).toBe(200);
  return context.newPage();
}

test("a city of two districts: the overview follows the district picker, and targets are kept per district", async ({ browser }, testInfo) => {
  const env = serverEnv({ DATA_DIR: tempDataDir("city") });
  const seeded = runScript("seed", ["--scale", "test", "--districts", "2", "--force"], env);
  expect(seeded.status, seeded.output).toBe(0);
  expect(runScript("prepare-db", [], env).status).toBe(0);
  const created = runScript("user", ["create", "--email", LONGWAN_ADMIN.email, "--role", "admin", "--district", "330303", "--password", LONGWAN_ADMIN.password], env);
  expect(created.status, created.output).toBe(0);
  const server = await startServer(3245, env);
  await waitHealthy(server.baseURL);
  const base = server.baseURL;

  // The city commander: the city's totals, then 龙湾区's once it is picked, then the city's again.
  const commander = await signedInPage(browser, base, DEMO_ROLES.commander, E2E_DEMO_PASSWORD);
  await commander.goto(`${base}/`);
  const streetsShown = commander.getByTestId("key-numbers").locator(".stat", { hasText: "街道/镇" }).locator("dd");
  await expect(commander.getByTestId("city-districts").locator("tbody tr")).toHaveCount(2);
  const longwanRow = commander.getByTestId("city-districts").locator("tbody tr", { hasText: "龙湾区" });
  const longwanStreets = (await longwanRow.locator("td").nth(1).textContent())!;
  const cityStreets = (await streetsShown.textContent())!;
  expect(Number(cityStreets.replace(/,/g, ""))).toBeGreaterThan(Number(longwanStreets.replace(/,/g, "")));
  await commander.getByTestId("district-select").selectOption("330303");
  await expect(commander.getByTestId("district-picked-note")).toContainText("龙湾区");
  await expect(streetsShown).toHaveText(longwanStreets);
  await expect(longwanRow).toHaveAttribute("aria-current", "true");
  await commander.screenshot({ path: testInfo.outputPath("overview-longwan.png") });
  await commander.getByTestId("district-select").selectOption("");
  await expect(streetsShown).toHaveText(cityStreets);
  await expect(commander.getByTestId("district-picked-note")).toHaveCount(0);

  // The city admin: all districts' targets by default (none recorded: the fallback), 鹿城区's own
  // rules under 鹿城区, and a target recorded for 龙湾区 only.
  const admin = await signedInPage(browser, base, DEMO_ROLES.admin, E2E_DEMO_PASSWORD);
  await admin.goto(`${base}/setup`);
  await expect(admin.getByTestId("setup-scope-intro")).toContainText("适用于全部区县");
  await expect(admin.getByTestId("target-registration")).toContainText("尚未设定");
  await admin.getByTestId("setup-scope").locator("select").selectOption("330302");
  await expect(admin.getByTestId("setup-scope-intro")).toContainText("鹿城区");
  await expect(admin.getByTestId("target-registration")).toContainText("已废止");
  await admin.getByTestId("setup-scope").locator("select").selectOption("330303");
  await expect(admin).toHaveURL(/district=330303/);
  await expect(admin.getByTestId("setup-scope-intro")).toContainText("龙湾区");
  await expect(admin.getByTestId("target-registration")).toContainText("尚未设定");
  const form = admin.getByTestId("target-form");
  await form.locator('select[name="metric"]').selectOption("registration");
  await form.locator('input[name="percent"]').fill("88");
  await form.locator('input[name="valid_from"]').fill("2026-01-01");
  await form.getByRole("checkbox").check();
  await form.getByRole("button", { name: "保存目标" }).click();
  await expect(admin.getByTestId("target-registration")).toContainText("88%");
  await expect(admin.getByTestId("target-registration")).toContainText("本区自定");
  await admin.screenshot({ path: testInfo.outputPath("setup-longwan.png"), fullPage: true });
  // 鹿城区 and all districts are as they were.
  await admin.getByTestId("setup-scope").locator("select").selectOption("330302");
  await expect(admin.getByTestId("target-registration")).toContainText("95%");
  await admin.getByTestId("setup-scope").locator("select").selectOption("");
  await expect(admin.getByTestId("target-registration")).toContainText("尚未设定");

  // 龙湾区's admin: no picker, its own district's targets, and its coverage judged by them.
  const longwan = await signedInPage(browser, base, LONGWAN_ADMIN.email, LONGWAN_ADMIN.password);
  await longwan.goto(`${base}/setup`);
  await expect(longwan.getByTestId("setup-scope-intro")).toContainText("龙湾区");
  await expect(longwan.getByTestId("setup-scope")).toHaveCount(0);
  await expect(longwan.getByTestId("target-registration")).toContainText("88%");
  const coverage = (await (await longwan.request.get(`${base}/api/analytics/coverage?unit=streets`)).json()) as { summary: { targets: Record<string, { value: number; district_code: string | null }> } };
  expect(coverage.summary.targets.registration).toMatchObject({ value: 0.88, district_code: "330303" });
  const other = await longwan.request.get(`${base}/api/targets?district=330302`);
  expect(other.status()).toBe(404);
});
