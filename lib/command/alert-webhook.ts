import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/types";
import { messages } from "@/lib/i18n/messages";
import type { AlertRecord } from "./alerts";

/**
 * The optional outgoing webhook (ALERT_WEBHOOK_URL): one JSON POST per alert whose body DingTalk
 * and WeCom group robots accept as it is ({"msgtype":"text","text":{"content":…}}). It runs in
 * the background, never inside a request; each alert is tried up to four times with growing
 * pauses, and its state (sent / failed with the reason) is kept on the alert for /setup.
 */

const ATTEMPTS = 4;
const TIMEOUT_MS = 10_000;

/** The configured webhook, or null when there is none (or it is not an http(s) URL). */
export function alertWebhookUrl(): string | null {
  const raw = process.env.ALERT_WEBHOOK_URL?.trim();
  if (!raw) return null;
  try {
    const url = new URL(raw);
    return url.protocol === "https:" || url.protocol === "http:" ? url.toString() : null;
  } catch {
    return null;
  }
}

/** The first pause between attempts; each next one is four times longer (tests shorten it). */
const firstPauseMs = () => Number(process.env.ALERT_WEBHOOK_RETRY_MS) || 2_000;

const zh = messages.zh;
const KIND_ZH: Record<AlertRecord["kind"], string> = {
  new_hotspot: "新增热点",
  intensifying_hotspot: "加剧热点",
  consecutive_hotspot: "连续热点",
  area_overdue: "督办逾期",
  cases_overdue: "案件超期",
};

/** The alert as one Chinese line for a group chat, with its link when PUBLIC_URL is set. */
export function alertText(alert: AlertRecord): string {
  const where = alert.street_name_zh ?? "";
  const category = alert.category ? zh.dashboard.categories[alert.category] : "";
  const d = alert.details;
  let body: string;
  if (alert.kind === "area_overdue") body = `${where}督办区域“${d.name}”已过期限 ${d.deadline}，尚未验收摘牌`;
  else if (alert.kind === "cases_overdue") body = `${where}有 ${d.count} 件案件超过办理期限（截至 ${d.as_of}）`;
  else body = `${where}网格 ${alert.grid_cell_code}（${d.cell_name_zh ?? ""}）${category}：${alert.week_start} 这一周 ${d.count} 起`;
  const base = process.env.PUBLIC_URL?.replace(/\/$/, "");
  return `【Grid Atlas ${KIND_ZH[alert.kind]}】${body}${base ? `\n${base}${alert.link}` : ""}`;
}

/** DingTalk and WeCom answer 200 with {"errcode": n}; anything but 0 is a refusal. */
async function deliver(url: string, alert: AlertRecord): Promise<void> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ msgtype: "text", text: { content: alertText(alert) } }),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`HTTP ${response.status} ${text.slice(0, 200)}`);
  try {
    const body = JSON.parse(text) as { errcode?: number; errmsg?: string };
    if (typeof body.errcode === "number" && body.errcode !== 0) throw new Error(`errcode ${body.errcode}: ${body.errmsg ?? ""}`);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error; // a plain "ok" body is fine
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Send each alert in turn, with retries; record the outcome on the alert. Never throws. */
export async function sendAlertsToWebhook(db: Db, alerts: readonly AlertRecord[]): Promise<void> {
  const url = alertWebhookUrl();
  if (!url) return;
  for (const alert of alerts) {
    let lastError = "";
    let attempt = 0;
    for (; attempt < ATTEMPTS; attempt++) {
      if (attempt > 0) await pause(firstPauseMs() * 4 ** (attempt - 1));
      try {
        await deliver(url, alert);
        lastError = "";
        break;
      } catch (error) {
        lastError = (error as Error).message.slice(0, 300);
      }
    }
    try {
      await db.execute(
        sql`update alerts set webhook_state = ${lastError ? "failed" : "sent"}, webhook_attempts = ${Math.min(attempt + 1, ATTEMPTS)},
              webhook_error = ${lastError || null} where id = ${alert.id}`,
      );
    } catch (error) {
      console.error(`[grid-atlas] alert webhook: could not record the outcome of alert ${alert.id}: ${(error as Error).message}`);
    }
  }
}
