import zlib from "node:zlib";
import { chromium } from "@playwright/test";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "@/e2e/chromium";
import { browserCookies } from "./auth";
import type { Row } from "./measure";

/** Time from navigation to the first data painted (map idle, no loading indicators) and JS bytes per page. */
export async function benchBrowser(group: string, baseUrl: string, targetMs: number): Promise<Row[]> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const rows: Row[] = [];
  try {
    for (const path of ["/", "/command", "/coverage"]) {
      const samples: number[] = [];
      let gz = 0;
      for (let run = 0; run < 3; run++) {
        const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
        await context.addCookies(browserCookies(baseUrl));
        const page = await context.newPage();
        let bytes = 0;
        page.on("response", async (r) => {
          if (r.request().resourceType() !== "script") return;
          try {
            bytes += zlib.gzipSync(await r.body()).length;
          } catch {
            // a response body that went away with the page
          }
        });
        const started = Date.now();
        await page.goto(baseUrl + path);
        await page.waitForSelector('[data-map-idle="true"]', { timeout: 60_000 });
        await page.waitForFunction(() => !document.querySelector(".map-status, .overlay-status"), null, { timeout: 60_000 });
        await page.waitForSelector('[data-map-idle="true"]', { timeout: 60_000 });
        samples.push(Date.now() - started);
        await page.waitForTimeout(500);
        gz = Math.max(gz, bytes);
        await context.close();
      }
      samples.sort((a, b) => a - b);
      const median = samples[1]!;
      console.log(`  ${group} · ${path}: first data painted ${median} ms (median of 3), JS ${(gz / 1024).toFixed(0)} KB gzipped`);
      rows.push({ group, measure: `first data painted ${path}`, p50_ms: median, p95_ms: null, max_ms: samples[2]!, n: 3, target: `≤ ${targetMs}`, ok: median <= targetMs });
      rows.push({ group, measure: `JS per page ${path} (gzipped)`, p50_ms: null, p95_ms: null, max_ms: null, n: 1, target: "≤ 1 MB", ok: gz <= 1024 * 1024, detail: `${(gz / 1024).toFixed(0)} KB` });
    }
  } finally {
    await browser.close();
  }
  return rows;
}
