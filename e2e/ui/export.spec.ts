import { expect, test } from "@playwright/test";
import { waitForMapIdle } from "../helpers";

test("the map view downloads as a PNG with a title band above the map", async ({ page }) => {
  await page.goto("/coverage");
  await waitForMapIdle(page);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-image").click()]);
  expect(download.suggestedFilename()).toMatch(/^grid-atlas-coverage-\d{4}-\d{2}-\d{2}\.png$/);
  const bytes = Buffer.concat(await (await download.createReadStream()).toArray());
  expect(bytes.subarray(1, 4).toString("ascii")).toBe("PNG");
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  const canvas = await page.evaluate(() => {
    const c = document.querySelector<HTMLCanvasElement>(".maplibregl-canvas")!;
    return { width: c.width, height: c.height };
  });
  expect(width).toBe(canvas.width);
  expect(height).toBeGreaterThan(canvas.height); // title and date above the map
  expect(bytes.length).toBeGreaterThan(20_000); // a drawn map, not a blank sheet
});
