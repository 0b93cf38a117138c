import { expect, test, type Browser, type Page } from "@playwright/test";
import { storageStatePath, type DemoRole } from "../accounts";
import { waitForMapIdle } from "../helpers";

/**
 * Every page each role opens, in the Chinese UI: no raw field or enum value (registered,
 * stall_violation, gi_z, true…) and no English sentence (a server message left untranslated).
 * A screenshot of each page is kept with the test results.
 */
const PAGES: Record<DemoRole, string[]> = {
  admin: ["/", "/setup", "/admin", "/admin/audit"],
  planner: ["/plan?layers=no-stall-zones,guidance-points,pois", "/plan?edit=zone:1", "/import"],
  commander: ["/command?overlay=hotspots", "/command?overlay=emerging"],
  street_office: ["/coverage", "/?layers=rental-buildings,events"],
  grid_worker: ["/field"],
};

/** API names and stored values that must be shown in words. */
const RAW_VALUES = [
  "registered", "unregistered", "deregistered", "stall_violation", "fire_hazard", "unlicensed_business", "illegal_structure",
  "patrol_checkin", "main_road", "commercial_core", "school_surroundings", "historic_block", "street_office", "commander", "planner",
  "draft", "active", "retired", "true", "false", "gi_bin", "gi_z", "gi_p_fdr", "registration_status", "letter_signed",
  "rental_status", "citizen_app", "in_progress", "hotline", "null", "undefined", "NaN",
];
/** Names that stay as they are in Chinese text: products, methods, formats, units. */
const ALLOWED_ENGLISH = /npm run \S+|Getis-Ord|Gi\*|FDR|PostgreSQL|PostGIS|PGlite|MapLibre|OpenStreetMap|CSV|PNG|PDF|GeoJSON|Shapefile|KML|WGS\s?84|GCJ-02|CGCS2000|H3|UTC|ETag|API|OGC|\S+@\S+|https?:\/\/\S+|[\w.-]+\.(?:geojson|json|csv|kml|zip|local)\b/g;
const ENGLISH_SENTENCE = /[A-Za-z]{3,}(?:[\s,:;'-]+[A-Za-z]{3,}){2,}/;

async function chinesePage(browser: Browser, role: DemoRole, baseURL: string): Promise<Page> {
  const context = await browser.newContext({ storageState: storageStatePath(role), locale: "zh-CN" });
  await context.addCookies([{ name: "ga-lang", value: "zh", url: baseURL }]);
  return context.newPage();
}

/**
 * The visible text once the map is idle and nothing says 正在加载 any more, without what people
 * typed themselves (names of accounts and tokens, marked data-user-text) and the audit log's stored
 * change records (data-record): those are shown as they were written.
 */
async function settledText(page: Page): Promise<string> {
  if ((await page.getByTestId("district-map").count()) > 0) await waitForMapIdle(page);
  await expect(page.getByText(/正在加载|正在计算|加载中/)).toHaveCount(0, { timeout: 60_000 });
  const typed = await page.locator("[data-user-text], [data-record]").allInnerTexts();
  let text = await page.locator("body").innerText();
  for (const t of typed) text = text.replace(t, " ");
  return text;
}

for (const [role, paths] of Object.entries(PAGES) as [DemoRole, string[]][]) {
  test(`${role}: every page speaks Chinese, with no raw values or English sentences`, async ({ browser, baseURL }, testInfo) => {
    test.setTimeout(180_000);
    const page = await chinesePage(browser, role, baseURL!);
    for (const path of paths) {
      await page.goto(path);
      const text = await settledText(page);
      await page.screenshot({ path: testInfo.outputPath(`${role}${path.replace(/[/?=,&]+/g, "-")}.png`) });
      const words = text.replace(ALLOWED_ENGLISH, " ");
      const raw = RAW_VALUES.filter((v) => new RegExp(`(^|[^\\w@.-])${v}([^\\w@.-]|$)`).test(words));
      expect({ path, raw }).toEqual({ path, raw: [] });
      const sentences = words.split("\n").filter((line) => ENGLISH_SENTENCE.test(line));
      expect({ path, sentences }).toEqual({ path, sentences: [] });
    }
    await page.context().close();
  });
}

test("the Chinese UI says what went wrong in Chinese: a wrong password, a bad import row", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ locale: "zh-CN", storageState: { cookies: [], origins: [] } });
  await context.addCookies([{ name: "ga-lang", value: "zh", url: baseURL! }]);
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByLabel("邮箱").fill("planner@demo.local");
  await page.getByLabel("密码").fill("not-the-password");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByTestId("sign-in-error")).toHaveText("邮箱或密码不对");
  await context.close();

  const planner = await chinesePage(browser, "planner", baseURL!);
  await planner.goto("/import");
  const features = [{ type: "Feature", geometry: { type: "LineString", coordinates: [[120.66, 28.02], [120.661, 28.02]] }, properties: { name: "线", category: "market" } }];
  await planner.getByTestId("import-file").setInputFiles({ name: "line.geojson", mimeType: "application/geo+json", buffer: Buffer.from(JSON.stringify({ type: "FeatureCollection", features })) });
  await planner.getByTestId("import-layer").selectOption("pois");
  await planner.getByTestId("import-upload").click();
  await expect(planner.getByTestId("import-report")).toContainText("图形是线，这里需要点");
  await planner.context().close();
});

test("search finds a cell by the name the tables show, closes on Enter, and outlines the cell", async ({ browser, baseURL }) => {
  const page = await chinesePage(browser, "street_office", baseURL!);
  const communities = (await (await page.request.get("/api/boundaries/communities")).json()).features as { properties: { code: string; name_zh: string } }[];
  const yunan = communities.find((c) => c.properties.name_zh === "云安社区");
  expect(yunan).toBeDefined();
  const cell = `${yunan!.properties.code}011`;
  await page.goto("/coverage");
  await waitForMapIdle(page);
  await page.getByTestId("place-search").fill("云安社区 011");
  await expect(page.getByTestId("search-results")).toContainText("云安社区 011");
  await page.getByTestId("place-search").press("Enter");
  await expect(page.getByTestId("search-results")).toHaveCount(0);
  const outlined = () =>
    page.evaluate(() => JSON.stringify((window as unknown as { __gridAtlasMap: { getFilter(id: string): unknown } }).__gridAtlasMap.getFilter("highlight-cell")));
  await expect.poll(outlined).toBe(JSON.stringify(["==", ["get", "code"], cell]));
  await expect.poll(() => page.evaluate(() => (window as unknown as { __gridAtlasMap: { getZoom(): number } }).__gridAtlasMap.getZoom())).toBeGreaterThan(13.5);
  await page.context().close();
});
