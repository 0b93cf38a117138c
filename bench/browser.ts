import zlib from "node:zlib";
import { chromium, type Page } from "@playwright/test";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "@/e2e/chromium";
import { browserCookies } from "./auth";
import { FIRST_SCREEN_MARK } from "@/lib/map/first-screen";
import type { Row } from "./measure";

/**
 * Time from navigation to the first data painted, and JS bytes per page. "Painted" is the page's own
 * mark (`data-first-screen` on the map page): the map idle with its layers and the overlay's data
 * drawn. The panels below the map (charts, case and work lists) load after it by design. A second
 * visit is the same page opened again in the same browser (its scripts cached).
 */
export async function benchBrowser(group: string, baseUrl: string, targetMs: number): Promise<Row[]> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const rows: Row[] = [];
  const painted = async (page: Page, path: string) => {
    await page.goto(baseUrl + path);
    await page.waitForSelector('[data-first-screen="true"]', { timeout: 60_000 });
    // The page's own mark, set in the idle event that follows the first data: later work on the
    // page (the panels it lets load) cannot delay it, as it can delay the attribute's commit.
    const mark = await page.evaluate((name) => performance.getEntriesByName(name)[0]?.startTime ?? null, FIRST_SCREEN_MARK);
    if (mark === null) throw new Error(`${path}: the page set data-first-screen without the ${FIRST_SCREEN_MARK} mark`);
    return Math.round(mark);
  };
  try {
    for (const path of ["/", "/command", "/coverage"]) {
      const first: number[] = [];
      const second: number[] = [];
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
        first.push(await painted(page, path));
        // The panels' code (charts) loads after the first screen: count the page's JS once it is quiet.
        await page.waitForLoadState("networkidle");
        gz = Math.max(gz, bytes);
        second.push(await painted(page, path));
        await context.close();
      }
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1]!;
      console.log(`  ${group} · ${path}: first data painted ${median(first)} ms, second visit ${median(second)} ms (medians of 3), JS ${(gz / 1024).toFixed(0)} KB gzipped`);
      rows.push({ group, measure: `first data painted ${path}`, p50_ms: median(first), p95_ms: null, max_ms: Math.max(...first), n: 3, target: `≤ ${targetMs}`, ok: median(first) <= targetMs });
      const secondTarget = Math.round(targetMs / 2);
      rows.push({ group, measure: `second visit ${path}`, p50_ms: median(second), p95_ms: null, max_ms: Math.max(...second), n: 3, target: `≤ ${secondTarget}`, ok: median(second) <= secondTarget });
      rows.push({ group, measure: `JS per page ${path} (gzipped)`, p50_ms: null, p95_ms: null, max_ms: null, n: 1, target: "≤ 1 MB", ok: gz <= 1024 * 1024, detail: `${(gz / 1024).toFixed(0)} KB` });
    }
  } finally {
    await browser.close();
  }
  return rows;
}
