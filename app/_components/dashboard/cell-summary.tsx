"use client";

import { useEffect, useState, type FormEvent } from "react";
import { analysisQuery, type ViewState } from "@/lib/dashboard/view-state";
import { fill } from "@/lib/i18n/fill";
import type { Locale, Messages } from "@/lib/i18n/messages";
import type { CellEvents } from "@/lib/register/cell-events";
import type { GridCellRecord } from "@/lib/register/grid-cells";
import { chinaDateTime } from "@/lib/time/china-date";
import { CATEGORY_COLOURS } from "../map/data-layers";

/**
 * A hot spot's cell as a commander acts on it: where it is and who answers for it, its events in
 * the window by category (the colours are the map's), and the latest of them.
 */
export function CellSummary({
  code,
  state,
  t,
  locale,
  onOpenEvent,
}: {
  code: string;
  state: ViewState;
  t: Messages["dashboard"];
  locale: Locale;
  /** When given, each of the latest events opens as a case. */
  onOpenEvent?: (id: number) => void;
}) {
  const [cell, setCell] = useState<GridCellRecord | null>(null);
  const [events, setEvents] = useState<CellEvents | null>(null);
  const [failed, setFailed] = useState(false);
  const query = analysisQuery(state, { limit: "8" });
  useEffect(() => {
    // Another cell or window: nothing of the previous one stays on screen while this one loads.
    setCell(null);
    setEvents(null);
    setFailed(false);
    const controller = new AbortController();
    const get = <T,>(url: string) =>
      fetch(url, { signal: controller.signal }).then((r) => {
        if (!r.ok) throw new Error(`HTTP ${r.status}`);
        return r.json() as Promise<T>;
      });
    const fail = (e: Error) => e.name !== "AbortError" && setFailed(true);
    get<GridCellRecord>(`/api/grid-cells/${code}`).then(setCell).catch(fail);
    get<CellEvents>(`/api/grid-cells/${code}/events?${query}`).then(setEvents).catch(fail);
    return () => controller.abort();
  }, [code, query]);

  const w = t.cellPanel;
  const shown = events ? Object.entries(events.by_category).filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]) : [];
  return (
    <div className="cell-summary" data-testid="cell-summary">
      {cell && (
        <dl>
          <div>
            <dt>{t.street}</dt>
            <dd>{locale === "zh" ? cell.street_name_zh : cell.street_name_en}</dd>
          </div>
          <div>
            <dt>{t.community}</dt>
            <dd>{locale === "zh" ? cell.community_name_zh : cell.community_name_en}</dd>
          </div>
          <div>
            <dt>{w.worker}</dt>
            <dd data-testid="cell-worker">{cell.responsible_user_name ?? w.noWorker}</dd>
          </div>
        </dl>
      )}
      {cell?.assignable && <AssignWorker cell={cell} t={t} onSaved={setCell} />}
      <h3>
        {w.byCategory}
        {events && <small> · {fill(w.total, { n: events.total })}</small>}
      </h3>
      {failed ? (
        <p className="form-error" role="alert">{t.loadFailed}</p>
      ) : !events ? (
        <p className="muted">{t.loadingData}</p>
      ) : shown.length === 0 ? (
        <p className="muted">{w.noEvents}</p>
      ) : (
        <ul className="category-counts" data-testid="cell-categories">
          {shown.map(([category, n]) => (
            <li key={category} data-category={category}>
              <span className="swatch" style={{ background: CATEGORY_COLOURS[category] }} aria-hidden />
              <span>{t.categories[category as keyof typeof t.categories]}</span>
              <b>{n}</b>
            </li>
          ))}
        </ul>
      )}
      {events && events.events.length > 0 && (
        <>
          <h3>{w.latest}</h3>
          <ul className="latest-events" data-testid="cell-latest-events">
            {events.events.map((e) => (
              <li key={e.id}>
                <time dateTime={e.occurred_at}>{chinaDateTime(new Date(e.occurred_at))}</time>{" "}
                {onOpenEvent ? (
                  <button type="button" className="link" onClick={() => onOpenEvent(e.id)} data-testid="cell-event">
                    {t.categories[e.category]}
                  </button>
                ) : (
                  t.categories[e.category]
                )}{" "}
                · {t.eventStatuses[e.status as keyof typeof t.eventStatuses] ?? e.status}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

/**
 * The cell's street office names who answers for it (a grid worker sees the cell in its field
 * app from then on): the street's active street-office and grid-worker accounts.
 */
function AssignWorker({ cell, t, onSaved }: { cell: GridCellRecord; t: Messages["dashboard"]; onSaved: (cell: GridCellRecord) => void }) {
  const w = t.cellPanel;
  const [chosen, setChosen] = useState(cell.responsible_user_id === null ? "" : String(cell.responsible_user_id));
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  async function save(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setStatus(null);
    const response = await fetch(`/api/grid-cells/${cell.code}`, {
      method: "PATCH",
      headers: { "Content-Type": "application/json", "If-Match": `"${cell.version}"` },
      body: JSON.stringify({ responsible_user_id: chosen === "" ? null : Number(chosen) }),
    }).catch(() => null);
    const body = (await response?.json().catch(() => ({}))) as GridCellRecord & { error?: string };
    setBusy(false);
    if (!response?.ok) {
      setStatus({ ok: false, text: body?.error ?? t.loadFailed });
      return;
    }
    onSaved(body);
    setStatus({ ok: true, text: w.assigned });
  }
  return (
    <form className="assign-worker" onSubmit={(e) => void save(e)} data-testid="assign-worker">
      <label>
        {w.assign}
        <select value={chosen} onChange={(e) => setChosen(e.target.value)}>
          <option value="">{w.noWorker}</option>
          {cell.assignable!.map((u) => (
            <option key={u.id} value={String(u.id)}>
              {u.display_name} · {w.roles[u.role as keyof typeof w.roles] ?? u.role}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" disabled={busy}>
        {w.assignSave}
      </button>
      {status && (
        <p role={status.ok ? "status" : "alert"} className={status.ok ? "muted" : "form-error"}>
          {status.text}
        </p>
      )}
    </form>
  );
}
