import { expect, test, type Page } from "@playwright/test";
import { DEMO_ROLES, E2E_DEMO_PASSWORD, type DemoRole } from "../accounts";
import { collectConsoleErrors, waitForMapIdle } from "../helpers";

// Signed out: every test here goes through the sign-in page as a person would.
test.use({ storageState: { cookies: [], origins: [] } });

async function signIn(page: Page, role: DemoRole, from = "/") {
  await page.goto(from);
  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByLabel(/e-mail|邮箱/i).fill(DEMO_ROLES[role]);
  await page.getByLabel(/password|密码/i).fill(E2E_DEMO_PASSWORD);
  await page.getByRole("button", { name: /sign in|登录/i }).click();
  await expect(page).not.toHaveURL(/\/sign-in/);
}

test("the sign-in page shows the demo accounts and refuses a wrong password", async ({ page }, testInfo) => {
  await page.goto("/coverage");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fcoverage/);
  await expect(page.getByTestId("demo-password")).toHaveText(E2E_DEMO_PASSWORD);
  await expect(page.getByTestId("demo-accounts")).toContainText("wuma@demo.local");
  await page.screenshot({ path: testInfo.outputPath("sign-in.png") });
  await page.getByLabel(/e-mail|邮箱/i).fill("nobody@demo.local");
  await page.getByLabel(/password|密码/i).fill("wrong password");
  await page.getByRole("button", { name: /sign in|登录/i }).click();
  await expect(page.getByTestId("sign-in-error")).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);
});

test("admin: lands on user management, sees the demo accounts and the audit log", async ({ page }, testInfo) => {
  await signIn(page, "admin");
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByTestId("users-table")).toContainText("planner@demo.local");
  await expect(page.getByTestId("user-menu")).toHaveAttribute("data-role", "admin");
  await page.screenshot({ path: testInfo.outputPath("admin.png") });
  await page.getByRole("link", { name: /audit log|审计日志/i }).click();
  await expect(page.getByTestId("audit-table")).toContainText(/Signed in|登录/);
  await page.screenshot({ path: testInfo.outputPath("audit.png") });
});

test("planner: lands on the plan view; no admin pages", async ({ page }) => {
  const errors = collectConsoleErrors(page);
  await signIn(page, "planner");
  await expect(page).toHaveURL(/\/plan$/);
  await waitForMapIdle(page);
  await expect(page.getByTestId("user-menu")).toHaveAttribute("data-role", "planner");
  await expect(page.getByRole("link", { name: /audit log|审计日志/i })).toHaveCount(0);
  await page.goto("/admin");
  await expect(page.getByTestId("forbidden")).toBeVisible();
  expect(errors.filter((e) => !/GL Driver|GPU stall/.test(e))).toEqual([]);
});

test("commander: comes back to the page asked for, with hot spots", async ({ page }) => {
  await signIn(page, "commander", "/command");
  await expect(page).toHaveURL(/\/command$/);
  await waitForMapIdle(page);
  await expect(page.getByTestId("top-hotspots").locator("tbody tr").first()).toBeVisible();
});

test("street office: its own street only, on the map and in the tables; signs out", async ({ page }, testInfo) => {
  await signIn(page, "street_office");
  await expect(page).toHaveURL(/\/coverage$/);
  await waitForMapIdle(page);
  await expect(page.getByTestId("user-menu")).toHaveAttribute("data-role", "street_office");
  const options = await page.getByTestId("street-select").locator("option").allTextContents();
  // Its one street, and no "all streets" it could not see.
  expect(options).toHaveLength(1);
  expect(options[0]).not.toMatch(/all|全部/i);
  const rows = page.getByTestId("coverage-table").locator("tbody tr");
  await expect(rows.first()).toBeVisible();
  await page.getByRole("tab", { name: /cell|网格/i }).click();
  await expect(rows.first()).toHaveClass(/below/); // cells below target first, once computed
  const codes = await page.getByTestId("coverage-table").locator("tbody tr td:first-child").evaluateAll((cells) => cells.map((c) => c.getAttribute("title") ?? ""));
  expect(codes.length).toBeGreaterThan(0);
  for (const code of codes) expect(code).toMatch(/330302006/);
  await page.screenshot({ path: testInfo.outputPath("street-office.png") });
  // The page asked the API for another street: the scope holds there too.
  const other = await page.request.get("/api/analytics/coverage?street=330302023000");
  expect(other.status()).toBe(404);
  // The overview shows it no district totals (other streets' figures), only where its own are.
  await page.goto("/");
  await expect(page.getByTestId("street-scope-note")).toBeVisible();
  await expect(page.getByTestId("key-numbers")).toHaveCount(0);
  await page.getByRole("button", { name: /sign out|退出/i }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  expect((await page.request.get("/api/auth/me")).status()).toBe(401);
});
