import { expect, type Page } from "@playwright/test";

/** Wait until MapLibre reports idle and the boundary loading indicator is gone. */
export async function waitForMapIdle(page: Page): Promise<void> {
  await expect(page.locator(".map-status")).toHaveCount(0);
  await expect(page.locator('[data-testid="district-map"][data-map-idle="true"]')).toHaveCount(1);
}

/**
 * Share of canvas pixels that differ from the background colour: a blank (unrendered) map gives 0.
 * Works because the map keeps its drawing buffer (preserveDrawingBuffer) for exactly this.
 */
export async function paintedShare(page: Page): Promise<number> {
  return page.evaluate(() => {
    const canvas = document.querySelector<HTMLCanvasElement>(".maplibregl-canvas");
    if (!canvas) return 0;
    const copy = document.createElement("canvas");
    copy.width = canvas.width;
    copy.height = canvas.height;
    const context = copy.getContext("2d");
    if (!context) return 0;
    context.drawImage(canvas, 0, 0);
    const { data } = context.getImageData(0, 0, copy.width, copy.height);
    const [r0, g0, b0] = [data[0], data[1], data[2]];
    let differing = 0;
    for (let i = 0; i < data.length; i += 16) {
      if (Math.abs(data[i]! - r0!) + Math.abs(data[i + 1]! - g0!) + Math.abs(data[i + 2]! - b0!) > 12) differing++;
    }
    return differing / (data.length / 16);
  });
}

/** Collect console errors and page errors for a test to assert on. */
export function collectConsoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return errors;
}
