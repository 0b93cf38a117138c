import { chromium, type BrowserContext, type Page } from "@playwright/test";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "@/e2e/chromium";
import { benchFetch, browserCookies, signInForBench } from "./auth";
import type { Row } from "./measure";

/**
 * The field app (/field) on a phone, Lighthouse-style:
 * - installable: a manifest linked from the page with a name, a start URL in scope, a standalone
 *   display and 192 px and 512 px PNG icons that load at those sizes; a service worker that
 *   controls the page and serves the start URL with the network off;
 * - the first screen (the day's list, with data) on a throttled connection — Lighthouse's mobile
 *   profile: 150 ms round trips, 1.6 Mbit/s down, 750 kbit/s up — cold (nothing cached) and on a
 *   second visit (the service worker's copy), and once more with the CPU slowed 4×.
 * The grid worker signs in like the app does.
 */
export async function benchField(group: string, baseUrl: string, email: string, password: string): Promise<Row[]> {
  const rows: Row[] = [];
  // The bench's own session, now the grid worker's (this part runs last).
  await signInForBench(baseUrl, email, password);
  const cookies = browserCookies(baseUrl);

  // The manifest and its icons, read as an installer would.
  const html = await (await benchFetch(`${baseUrl}/field`)).text();
  const href = /<link[^>]+rel="manifest"[^>]+href="([^"]+)"/.exec(html)?.[1] ?? /<link[^>]+href="([^"]+)"[^>]+rel="manifest"/.exec(html)?.[1];
  const problems: string[] = [];
  let manifest: { name?: string; short_name?: string; start_url?: string; scope?: string; display?: string; icons?: { src: string; sizes: string; type?: string }[] } = {};
  if (!href) problems.push("no <link rel=manifest>");
  else {
    const response = await fetch(new URL(href, baseUrl));
    if (!response.ok) problems.push(`manifest HTTP ${response.status}`);
    else manifest = await response.json();
  }
  if (!manifest.name || !manifest.short_name) problems.push("name/short_name missing");
  const start = new URL(manifest.start_url ?? "", `${baseUrl}/`).pathname;
  if (!start.startsWith(new URL(manifest.scope ?? "/", `${baseUrl}/`).pathname)) problems.push("start_url outside scope");
  if (!["standalone", "fullscreen", "minimal-ui"].includes(manifest.display ?? "")) problems.push(`display ${manifest.display}`);
  for (const size of [192, 512]) {
    const icon = manifest.icons?.find((i) => i.sizes.split(" ").includes(`${size}x${size}`) && (i.type ?? "image/png") === "image/png");
    if (!icon) {
      problems.push(`no ${size}px PNG icon`);
      continue;
    }
    const bytes = Buffer.from(await (await fetch(new URL(icon.src, baseUrl))).arrayBuffer());
    // A PNG's IHDR: the signature, then width and height as big-endian 32-bit integers at 16 and 20.
    const png = bytes.subarray(1, 4).toString() === "PNG";
    if (!png || bytes.readUInt32BE(16) !== size || bytes.readUInt32BE(20) !== size) problems.push(`icon ${icon.src} is not a ${size}px PNG`);
  }
  rows.push({ group, measure: "field: installable (manifest, icons)", p50_ms: null, p95_ms: null, max_ms: null, n: 1, target: "all present", ok: problems.length === 0, detail: problems.join("; ") || `${manifest.short_name}, ${manifest.display}, start ${start}` });

  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const phone = async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, serviceWorkers: "allow" });
    await context.addCookies(cookies);
    return context;
  };
  try {
    // The service worker: controls the page after a reload, and the start URL opens offline.
    {
      const context = await phone();
      const page = await context.newPage();
      await page.goto(`${baseUrl}/field`);
      await until(page, async () => Boolean((await navigator.serviceWorker.getRegistration("/field"))?.active) && Boolean(await caches.match("/field")));
      await page.reload();
      const controlled = await page.evaluate(() => Boolean(navigator.serviceWorker.controller));
      await context.setOffline(true);
      const offline = await page.reload().then(
        (r) => r?.ok() ?? false,
        () => false,
      );
      const shown = offline && (await page.getByTestId("field-today").isVisible({ timeout: 30_000 }).catch(() => false));
      rows.push({ group, measure: "field: service worker, start URL offline", p50_ms: null, p95_ms: null, max_ms: null, n: 1, target: "controls; opens offline", ok: controlled && shown, detail: `controlled ${controlled}, offline page ${shown}` });
      await context.close();
    }
    for (const [label, cpu] of [["slow 4G", 1], ["slow 4G, CPU 4× slower", 4]] as const) {
      const cold: number[] = [];
      const warm: number[] = [];
      for (let run = 0; run < 3; run++) {
        const context = await phone();
        cold.push(await firstScreen(context, baseUrl, cpu));
        warm.push(await firstScreen(context, baseUrl, cpu));
        await context.close();
      }
      for (const [visit, samples] of [["cold", cold], ["second visit", warm]] as const) {
        samples.sort((a, b) => a - b);
        const median = samples[1]!;
        console.log(`  ${group} · field first screen, ${label}, ${visit}: ${median} ms (median of 3)`);
        rows.push({ group, measure: `field: first screen, ${label}, ${visit}`, p50_ms: median, p95_ms: null, max_ms: samples[2]!, n: 3, target: cpu === 1 ? "≤ 3000" : "(Lighthouse's CPU profile; for reference)", ok: cpu === 1 ? median <= 3000 : null });
      }
    }
  } finally {
    await browser.close();
  }
  return rows;
}

/**
 * Poll an async condition in the page until it holds. (waitForFunction would take the promise an
 * async function returns as a truthy answer and not wait at all.)
 */
async function until(page: Page, condition: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await page.evaluate(condition))) {
    if (Date.now() > end) throw new Error("timed out");
    await page.waitForTimeout(250);
  }
}

/** Navigation to the day's list painted with data, on a throttled connection (Chrome DevTools Protocol). */
async function firstScreen(context: BrowserContext, baseUrl: string, cpuSlowdown: number): Promise<number> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 });
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: cpuSlowdown });
  const started = Date.now();
  await page.goto(`${baseUrl}/field`, { waitUntil: "commit" });
  await page.waitForSelector('[data-testid="field-due"] li, [data-testid="field-today"] .field-card h2', { timeout: 60_000 });
  const took = Date.now() - started;
  // Let the service worker keep what this visit loaded before the next one.
  await until(page, async () => Boolean(await caches.match("/field"))).catch(() => undefined);
  await page.close();
  return took;
}
