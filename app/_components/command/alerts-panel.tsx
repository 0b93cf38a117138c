"use client";

import { useCallback, useEffect, useState } from "react";
import type { AlertList, AlertRecord } from "@/lib/command/alerts";
import { fill } from "@/lib/i18n/fill";
import type { Locale, Messages } from "@/lib/i18n/messages";
import { chinaDateTime } from "@/lib/time/china-date";
import { callApi } from "@/lib/http/call-api";

const REFRESH_MS = 5 * 60_000;

/** One alert in the reader's words. */
export function alertSentence(a: AlertRecord, t: Messages["command"], d: Messages["dashboard"], locale: Locale): string {
  const street = (locale === "zh" ? a.street_name_zh : a.street_name_en) ?? "";
  if (a.kind === "area_overdue") return fill(t.alertArea, { street, name: String(a.details.name), deadline: String(a.details.deadline) });
  if (a.kind === "cases_overdue") return fill(t.alertCases, { street, count: Number(a.details.count) });
  const cell = String((locale === "zh" ? a.details.cell_name_zh : a.details.cell_name_en) ?? a.grid_cell_code);
  return fill(t.alertHotspot, { street, cell, category: a.category ? d.categories[a.category] : "", week: a.week_start, count: Number(a.details.count) });
}

/**
 * Alerts, newest first, with the unread count on the closed panel; opening it marks them read
 * (those new since the last visit keep a "new" mark until the page is left). The command centre
 * can run the weekly check now.
 */
export function AlertsPanel({
  t,
  d,
  locale,
  canRun,
  onShow,
}: {
  t: Messages["command"];
  d: Messages["dashboard"];
  locale: Locale;
  canRun: boolean;
  onShow: (alert: AlertRecord) => void;
}) {
  const [list, setList] = useState<AlertList | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [newSince, setNewSince] = useState<string | null | undefined>(undefined);
  const [running, setRunning] = useState(false);
  const [ran, setRan] = useState<string | null>(null);
  const load = useCallback(async (signal?: AbortSignal) => {
    const result = await callApi<AlertList>("/api/alerts", { signal });
    setFailed(result.ok ? null : result.error);
    if (result.ok) setList(result.data);
  }, []);
  // Loaded now and every few minutes, so the weekly check's alerts show without a reload.
  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal).catch(() => undefined);
    const timer = setInterval(() => void load(controller.signal).catch(() => undefined), REFRESH_MS);
    return () => {
      clearInterval(timer);
      controller.abort();
    };
  }, [load]);

  const [open, setOpen] = useState(false);
  // Alerts on screen are read: when the panel opens, and when a check adds some while it is open.
  useEffect(() => {
    if (!open || !list || list.unread === 0) return;
    setNewSince((since) => (since === undefined ? list.seen_at : since));
    setList({ ...list, unread: 0 });
    // Seen up to the newest alert on screen: one raised after this list was loaded stays unread.
    void callApi("/api/alerts/seen", { method: "POST", body: list.alerts[0] ? { until: list.alerts[0].created_at } : {} });
  }, [open, list]);
  const run = async () => {
    setRunning(true);
    setRan(null);
    const result = await callApi<{ week_start: string; raised: AlertRecord[] }>("/api/alerts/run", { method: "POST" });
    setRunning(false);
    if (!result.ok) return setRan(fill(t.runFailed, { reason: result.error }));
    setRan(result.data.raised.length ? fill(t.ranSome, { n: result.data.raised.length }) : fill(t.ranNone, { week: result.data.week_start }));
    await load();
  };
  const isNew = (a: AlertRecord) => newSince !== undefined && (newSince === null || a.created_at > newSince);
  return (
    <details className="command-section" data-testid="alerts-panel" onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
      <summary>
        <h2>{t.alerts}</h2>
        {list && list.unread > 0 && (
          <span className="badge" data-testid="alerts-unread" aria-label={fill(t.unread, { n: list.unread })}>
            {list.unread}
          </span>
        )}
      </summary>
      {canRun && (
        <p>
          <button type="button" className="link-button" onClick={run} disabled={running} data-testid="run-alerts">
            {running ? t.running : t.runCheck}
          </button>
          {ran && <span className="muted" role="status"> {ran}</span>}
        </p>
      )}
      {failed && <p className="form-error" role="alert">{failed}</p>}
      {list && list.webhook.failed > 0 && <p className="muted">{fill(t.webhookFailed, { n: list.webhook.failed })}</p>}
      {list && list.alerts.length === 0 && <p className="chart-empty">{t.noAlerts}</p>}
      {list && list.alerts.length > 0 && (
        <ul className="alert-list" data-testid="alert-list">
          {list.alerts.slice(0, 30).map((a) => (
            <li key={a.id} data-kind={a.kind} className={isNew(a) ? "new" : undefined}>
              <b className={`alert-kind alert-${a.kind}`}>{t.alertKinds[a.kind]}</b> {alertSentence(a, t, d, locale)}
              <br />
              <small className="muted">
                <time dateTime={a.created_at}>{chinaDateTime(new Date(a.created_at))}</time> ·{" "}
                <a
                  href={a.link}
                  data-testid="alert-link"
                  onClick={(e) => {
                    // Within the page: move the map there without reloading (the link still works on its own).
                    if (e.metaKey || e.ctrlKey || e.shiftKey) return;
                    e.preventDefault();
                    onShow(a);
                  }}
                >
                  {t.showOnMap}
                </a>
              </small>
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}
