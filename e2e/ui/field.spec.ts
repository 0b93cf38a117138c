import { expect, request as playwrightRequest, test, type Page } from "@playwright/test";
import sharp from "sharp";
import { DEMO_ROLES, E2E_DEMO_PASSWORD } from "../accounts";
import { sameOrigin } from "../api-helpers";

/**
 * The grid worker's phone app (/field) on a 390×844 touch screen, in Chinese: sign in, go offline,
 * record a check, a second check, a report with a photo and a patrol check-in, reload offline and
 * find them queued; meanwhile the street office changes the second building; back online, three
 * are sent once and the second check is refused with both versions, then sent again on the current
 * version. Every screen is kept as a screenshot with the results.
 */
test.use({
  storageState: { cookies: [], origins: [] },
  locale: "zh-CN",
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
  permissions: ["geolocation"],
  serviceWorkers: "allow",
});

interface Building {
  code: string;
  address: string;
  lon: number;
  lat: number;
  due: boolean;
  units: number;
}

const queueItems = (page: Page) => page.getByTestId("field-queue-item");

test("a grid worker works offline, and what was saved reaches the server once when the signal returns", async ({ page, context, baseURL }, testInfo) => {
  test.setTimeout(240_000);
  const shot = (name: string) => page.screenshot({ path: testInfo.outputPath(`${name}.png`) });
  const errors: string[] = [];
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  const missing: string[] = [];
  page.on("response", (r) => r.status() === 404 && missing.push(r.url()));

  // Signed in through the page, as a person does; a grid worker lands on its app.
  await page.goto("/field");
  await page.getByLabel(/邮箱/).fill(DEMO_ROLES.grid_worker);
  await page.getByLabel(/密码/).fill(E2E_DEMO_PASSWORD);
  await page.getByRole("button", { name: /登录/ }).click();
  await expect(page).toHaveURL(/\/field$/);
  const today = await (await page.request.get("/api/field/today")).json();
  expect(today.cells.features).toHaveLength(12);
  // Two buildings due this month (none may be due: a fresh demo is checked through last month).
  const due = (today.buildings as Building[]).filter((b) => b.due);
  expect(due.length).toBeGreaterThanOrEqual(2);
  const [first, second] = due as [Building, Building];
  // The worker stands at the first building (inside its cells).
  await context.setGeolocation({ longitude: first.lon, latitude: first.lat });
  await expect(page.getByTestId("field-position")).toContainText("您在");
  await expect(page.locator("[data-map-idle=true]")).toBeVisible();
  // The app is kept for offline use once its service worker has the page.
  await expect.poll(() => page.evaluate(async () => Boolean(await caches.match("/field"))), { timeout: 30_000 }).toBe(true);
  await shot("1-today");

  const office = await playwrightRequest.newContext({ baseURL });
  expect((await office.post("/api/auth/sign-in", { data: { email: DEMO_ROLES.street_office, password: E2E_DEMO_PASSWORD }, headers: sameOrigin(baseURL) })).status()).toBe(200);
  const countsBefore = (await (await office.get("/api/health")).json()).counts;
  const checksOf = async (code: string) => (await (await office.get(`/api/rental-buildings/${encodeURIComponent(code)}/checks`)).json()).checks as { checked_by: string }[];
  const firstChecksBefore = (await checksOf(first.code)).length;

  // No signal from here on.
  await context.setOffline(true);
  await expect(page.getByTestId("field-connection")).toHaveText("离线");

  // A check of the first building: the letter signed, a fire hazard found.
  await page.locator(`[data-testid=field-due] [data-building="${first.code}"]`).tap();
  const sheet = page.getByTestId("field-check");
  await sheet.locator('[data-name="letter_signed"]').getByRole("radio", { name: "是" }).tap();
  await sheet.locator('[data-name="fire_hazard"]').getByRole("radio", { name: "是" }).tap();
  await shot("2-check");
  await sheet.getByTestId("field-check-save").tap();
  await expect(page.getByTestId("field-queue-count")).toHaveText("1");
  // Opened again before it is sent, the form starts from what was just found, and says so.
  await page.locator(`[data-testid=field-due] [data-building="${first.code}"]`).tap();
  await expect(sheet.getByTestId("field-check-waiting")).toBeVisible();
  await expect(sheet.locator('[data-name="fire_hazard"]').getByRole("radio", { name: "是" })).toHaveAttribute("aria-checked", "true");
  await sheet.getByRole("button", { name: "返回" }).tap();
  // A check of the second building, as it stands.
  await page.locator(`[data-testid=field-due] [data-building="${second.code}"]`).tap();
  await page.getByTestId("field-check-save").tap();
  await expect(page.getByTestId("field-queue-count")).toHaveText("2");

  // A stall reported where the worker stands, with a photo that carries a location in its EXIF.
  await page.getByTestId("field-tab-report").tap();
  const report = page.getByTestId("field-report");
  // A place outside the worker's cells is refused on the spot (the map's corner lies outside them).
  await report.getByRole("radio", { name: "在地图上点选" }).tap();
  await expect(report.locator("[data-map-idle=true]")).toBeVisible();
  await report.getByTestId("field-map").tap({ position: { x: 6, y: 6 } });
  await expect(report.getByTestId("field-place-outside")).toBeVisible();
  await expect(report.getByTestId("field-report-save")).toBeDisabled();
  await report.getByRole("radio", { name: "我的位置" }).tap();
  await expect(report.getByTestId("field-place-outside")).toHaveCount(0);
  await report.getByTestId("field-report-note").fill("路口东侧三个流动摊位");
  const photo = await sharp({ create: { width: 1200, height: 900, channels: 3, background: "#8a6" } })
    .jpeg()
    .withExif({ IFD0: { ImageDescription: "GPS 28.0229N 120.6607E", Make: "FieldPhone" } })
    .toBuffer();
  await report.getByTestId("field-photo").setInputFiles({ name: "stall.jpg", mimeType: "image/jpeg", buffer: photo });
  await expect(report.getByTestId("field-photo-chosen")).toBeVisible();
  await shot("3-report");
  await report.getByTestId("field-report-save").tap();
  await expect(page.getByTestId("field-queue-count")).toHaveText("3");

  // The patrol check-in for the cell the worker stands in.
  await page.getByTestId("field-checkin").tap();
  await expect(page.getByTestId("field-queue-count")).toHaveText("4");

  // Still offline, the page is reloaded: it opens from the phone and the four are queued.
  await page.reload();
  await expect(page.getByTestId("field-today")).toBeVisible();
  await expect(page.getByText(/离线数据/)).toBeVisible();
  await page.getByTestId("field-tab-queue").tap();
  await expect(queueItems(page)).toHaveCount(4);
  await expect(page.locator("[data-testid=field-queue-item][data-state=pending]")).toHaveCount(4);
  await shot("4-queue-offline");

  // Meanwhile the street office records a fire hazard at the second building.
  expect((await office.patch(`/api/rental-buildings/${encodeURIComponent(second.code)}`, { data: { fire_hazard: true }, headers: sameOrigin(baseURL) })).status()).toBe(200);

  // The signal returns: sent in order, three once, the second check refused with both versions.
  await context.setOffline(false);
  await expect(page.locator("[data-testid=field-queue-item][data-state=pending]")).toHaveCount(0, { timeout: 60_000 });
  await expect(page.locator("[data-testid=field-queue-item][data-state=sent]")).toHaveCount(3);
  const refused = page.locator("[data-testid=field-queue-item][data-state=refused]");
  await expect(refused).toHaveCount(1);
  await expect(refused.getByTestId("field-refusal")).toHaveAttribute("data-status", "412");
  await expect(refused.getByTestId("field-refusal")).toContainText("在您打开后已被他人修改");
  // ③ 消防不达标: 否 when opened, 否 in the worker's check, 是 now — marked as changed.
  const fireRow = refused.getByTestId("field-versions").locator("tr", { hasText: "消防不达标" });
  await expect(fireRow).toHaveClass(/changed/);
  await expect(fireRow.locator("td")).toHaveText(["否", "否", "是"]);
  await shot("5-queue-refused");

  // The server has each once: the first building's check, the event (with its note and a photo
  // without the camera's metadata), the check-in and the check's own inspection event.
  const firstChecks = await checksOf(first.code);
  expect(firstChecks.length).toBe(firstChecksBefore + 1);
  expect(firstChecks[0]!.checked_by).toBe("五马街道网格员");
  const countsAfter = (await (await office.get("/api/health")).json()).counts;
  expect(countsAfter.events - countsBefore.events).toBe(3);
  const building = await (await office.get(`/api/rental-buildings/${encodeURIComponent(first.code)}`)).json();
  expect(building.fire_hazard).toBe(true);
  expect(building.responsibility_letter_signed).toBe(true);
  // What the phone kept of each answer, in saving order: sent in that order too.
  const kept = await page.evaluate(async () => {
    // The worker's own outbox (one database per account on the phone).
    const names = (await indexedDB.databases()).map((d) => d.name ?? "").filter((n) => n.startsWith("grid-atlas-field-"));
    if (names.length !== 1) throw new Error(`outboxes: ${names.join(", ")}`);
    const request = indexedDB.open(names[0]!);
    const db: IDBDatabase = await new Promise((resolve) => (request.onsuccess = () => resolve(request.result)));
    const items: { seq: number; kind: string; state: string; sentAt?: string; result?: { id?: number; check?: { event_id: number } } }[] = await new Promise((resolve) => {
      const all = db.transaction("queue").objectStore("queue").getAll();
      all.onsuccess = () => resolve(all.result);
    });
    return items.sort((a, b) => a.seq - b.seq);
  });
  const sentInOrder = kept.filter((i) => i.state === "sent");
  expect(sentInOrder.map((i) => i.kind)).toEqual(["check", "event", "checkin"]);
  // Ids the server gave, in the order it recorded them.
  const recorded = [sentInOrder[0]!.result!.check!.event_id, sentInOrder[1]!.result!.id!, sentInOrder[2]!.result!.id!];
  expect([...recorded].sort((a, b) => a - b)).toEqual(recorded);
  const eventId = sentInOrder[1]!.result!.id!;
  const event = await (await office.get(`/api/events/${eventId}`)).json();
  expect(event).toMatchObject({ category: "stall_violation", note: "路口东侧三个流动摊位", has_photo: true, status: "reported" });
  const stored = Buffer.from(await (await office.get(`/api/events/${eventId}/photo`)).body());
  expect(stored.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
  expect(stored.includes(Buffer.from("FieldPhone"))).toBe(false);
  expect(stored.includes(Buffer.from("28.0229N"))).toBe(false);

  // The dashboard's figures for the office: the first building is no longer due this month.
  const unchecked = await (await office.get(`/api/worklists/unchecked?cell=${building.grid_cell_code}&limit=5000`)).json();
  expect((unchecked.rows as { code: string }[]).map((r) => r.code)).not.toContain(first.code);
  expect((unchecked.rows as { code: string }[]).map((r) => r.code)).toContain(second.code);

  // The worker sends the second check again on the current version; it goes through.
  await refused.getByRole("button", { name: "按当前版本重新提交" }).tap();
  await expect(page.locator("[data-testid=field-queue-item][data-state=sent]")).toHaveCount(4, { timeout: 30_000 });
  expect((await checksOf(second.code))[0]!.checked_by).toBe("五马街道网格员");
  await page.getByTestId("field-tab-today").tap();
  await expect(page.getByTestId("field-today")).toBeVisible();
  await expect(page.locator("[data-map-idle=true]")).toBeVisible();
  await shot("6-today-after");

  // The browser said nothing but the refusals this test provokes and the offline reload.
  expect({ errors: errors.filter((e) => !/412|ERR_INTERNET_DISCONNECTED|Failed to fetch/.test(e)), missing }).toEqual({ errors: [], missing: [] });
  await office.dispose();
});
