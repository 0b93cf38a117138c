import fs from "node:fs";
import { HttpError, TooManyRequestsError } from "@/lib/http/errors";

/**
 * One Chromium at a time (each takes ~150 MB and a core for a second or two), a few requests
 * queued behind it; more than that is refused with Retry-After rather than starving the server.
 */
const MAX_QUEUED = 3;
let queue: Promise<unknown> = Promise.resolve();
let queued = 0;

async function oneAtATime<T>(job: () => Promise<T>): Promise<T> {
  if (queued >= MAX_QUEUED) throw new TooManyRequestsError("", 5).as("pdf.busy");
  queued++;
  const run = queue.then(job, job);
  queue = run.catch(() => undefined);
  try {
    return await run;
  } finally {
    queued--;
  }
}

/** The Chromium the project already uses for its browser tests (Debian's, never a downloaded one). */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
}

/**
 * Print one self-contained HTML page to an A4 PDF with headless Chromium. Chromium embeds the
 * fonts it used (subsets), so the Chinese text prints on any machine; the server needs a CJK font
 * installed (Debian: fonts-wqy-microhei or fonts-noto-cjk). JavaScript is off: the page is static.
 */
export async function htmlToPdf(html: string, footer: string): Promise<Uint8Array> {
  return oneAtATime(() => print(html, footer));
}

async function print(html: string, footer: string): Promise<Uint8Array> {
  const executablePath = chromiumPath();
  if (!fs.existsSync(executablePath)) {
    throw new HttpError(503, "").as("pdf.no_chromium", { path: executablePath });
  }
  const { chromium } = await import("playwright-core");
  const browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking"] });
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: "load", timeout: 30_000 });
    const pdf = await page.pdf({
      format: "A4",
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: "<span></span>",
      footerTemplate: `<div style="width:100%;font-size:8px;color:#5b6b7a;text-align:center;font-family:'WenQuanYi Micro Hei','Noto Sans CJK SC',sans-serif">${footer} · <span class="pageNumber"></span> / <span class="totalPages"></span></div>`,
      margin: { top: "14mm", bottom: "16mm", left: "12mm", right: "12mm" },
    });
    return new Uint8Array(pdf);
  } finally {
    await browser.close();
  }
}
