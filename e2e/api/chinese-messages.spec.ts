import { expect, test } from "@playwright/test";
import { storageStatePath } from "../accounts";
import { sameOrigin } from "../api-helpers";

test.use({ storageState: storageStatePath("planner") });

const ZH = { "Accept-Language": "zh-CN,zh;q=0.9" };
/** Three or more English words in a row: an English sentence left in a Chinese answer. */
const ENGLISH_SENTENCE = /[A-Za-z]{3,}(?:[\s,]+[A-Za-z]{3,}){2,}/;

test("a Chinese reader gets refusals and import reasons in Chinese, with stable codes and the English beside them", async ({ request, baseURL }) => {
  // A missing record.
  const missing = await request.get("/api/events/999999999", { headers: ZH });
  expect(missing.status()).toBe(404);
  expect(await missing.json()).toMatchObject({ error: "找不到事件 999999999", code: "event.not_found", error_en: "no event 999999999" });

  // A zone that crosses itself: refused in Chinese; the findings keep their codes for the UI.
  const bowTie = { type: "Polygon", coordinates: [[[120.66, 28.02], [120.662, 28.022], [120.662, 28.02], [120.66, 28.022], [120.66, 28.02]]] };
  const refused = await request.post("/api/zones", {
    headers: { ...ZH, ...sameOrigin(baseURL) },
    data: { type: "Feature", geometry: bowTie, properties: { name: "自交", category: "other", valid_from: "2026-01-01" } },
  });
  expect(refused.status()).toBe(422);
  const refusal = await refused.json();
  expect(refusal.code).toBe("plan.invalid");
  expect(refusal.error).toMatch(/^图形未通过检查/);
  expect(refusal.errors[0].code).toBe("self_intersection");

  // A validation error names the field in Chinese.
  const badCategory = await request.post("/api/zones", {
    headers: { ...ZH, ...sameOrigin(baseURL) },
    data: { type: "Feature", geometry: { type: "Polygon", coordinates: [[[120.66, 28.02], [120.661, 28.02], [120.661, 28.021], [120.66, 28.02]]] }, properties: { name: "x", category: "night_market", valid_from: "2026-01-01" } },
  });
  expect(badCategory.status()).toBe(400);
  expect((await badCategory.json()).error).toMatch(/^类别：只能是：/);

  // An import whose rows are wrong in three ways: each reason in Chinese.
  const features = [
    { type: "Feature", geometry: { type: "Polygon", coordinates: [[[120.66, 28.02], [120.661, 28.02], [120.661, 28.021], [120.66, 28.02]]] }, properties: { name: "面", category: "market" } },
    { type: "Feature", geometry: { type: "Point", coordinates: [28.02, 120.66] }, properties: { name: "反了", category: "market" } },
    { type: "Feature", geometry: { type: "Point", coordinates: [120.665, 28.02] }, properties: { category: "market" } },
  ];
  const upload = await request.post("/api/imports", {
    headers: { ...ZH, ...sameOrigin(baseURL) },
    multipart: { file: { name: "bad.geojson", mimeType: "application/geo+json", buffer: Buffer.from(JSON.stringify({ type: "FeatureCollection", features })) }, layer: "pois", crs: "wgs84" },
  });
  expect(upload.status(), await upload.text()).toBe(202);
  const { id } = await upload.json();
  let report: { status: string; report: { rejections: { reason: string; reason_en: string }[] } | null } = { status: "parsing", report: null };
  await expect
    .poll(async () => (report = await (await request.get(`/api/imports/${id}`, { headers: ZH })).json()).status, { timeout: 30_000 })
    .not.toBe("parsing");
  const reasons = report.report!.rejections.map((r) => r.reason);
  expect(reasons).toEqual(["图形是面，这里需要点", "纬度 120.66 超出范围：经度和纬度似乎填反了", "名称：缺少此项"]);
  expect(report.report!.rejections[0]!.reason_en).toBe("a Polygon where a Point is needed");
  // Nothing was committed; leave no staged rows behind.
  expect((await request.delete(`/api/imports/${id}`, { headers: sameOrigin(baseURL) })).status()).toBe(204);

  // Every Chinese text above is free of English sentences.
  for (const text of [refusal.error, ...reasons]) expect(text).not.toMatch(ENGLISH_SENTENCE);

  // English readers (and clients that ask for nothing) still get English.
  const english = await request.get("/api/events/999999999", { headers: { "Accept-Language": "en-GB" } });
  expect(await english.json()).toMatchObject({ error: "no event 999999999", code: "event.not_found" });
});
