"use client";

import { useEffect, useState } from "react";
import type { Department } from "@/lib/cases/departments";
import type { EventRecord } from "@/lib/register/events";
import { fill } from "@/lib/i18n/fill";
import type { Locale, Messages } from "@/lib/i18n/messages";
import { chinaDateTime } from "@/lib/time/china-date";
import { isCaseCategory, type EventStatus } from "@/lib/vocabulary";
import { callApi } from "@/lib/http/call-api";
import { useFocusOnMessage, usePanelFocus } from "../use-panel-focus";

/**
 * One case: where and when, its department and deadline, its history, and the moves this reader
 * may make (from the server's allowed_transitions). Assigning asks for a department (and, if
 * wanted, another deadline); sending back asks for a reason.
 */
export function CaseDialog({
  id,
  departments,
  t,
  d,
  locale,
  canSetDeadline,
  onChanged,
  onClose,
}: {
  id: number;
  /** The command centre sets deadlines; a street office assigns with the default one. */
  canSetDeadline: boolean;
  departments: Department[];
  t: Messages["command"];
  d: Messages["dashboard"];
  locale: Locale;
  onChanged: () => void;
  onClose: () => void;
}) {
  const [record, setRecord] = useState<EventRecord | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState("");
  const [department, setDepartment] = useState("");
  const [dueOn, setDueOn] = useState("");
  const [saving, setSaving] = useState(false);
  const { panel, focusHeading } = usePanelFocus<HTMLElement>(onClose, id);
  const errorLine = useFocusOnMessage<HTMLParagraphElement>(error);
  useEffect(() => {
    setRecord(null);
    setError(null);
    const controller = new AbortController();
    callApi<EventRecord>(`/api/events/${id}`, { signal: controller.signal })
      .then((r) => {
        if (!r.ok) return setError(r.error);
        setRecord(r.data);
        setDepartment(r.data.department_code ?? "");
      })
      .catch(() => undefined);
    return () => controller.abort();
  }, [id]);

  const move = async (to: EventStatus) => {
    if (!record) return;
    setSaving(true);
    setError(null);
    const body = { to, note, ...(to === "assigned" ? { department, ...(dueOn ? { due_on: dueOn } : {}) } : {}) };
    // If-Match: a case someone else moved meanwhile is refused (412) rather than moved twice.
    const result = await callApi<EventRecord>(`/api/events/${id}/transitions`, { method: "POST", body, headers: { "If-Match": `"${record.version}"` } });
    setSaving(false);
    if (!result.ok) return setError(result.error);
    setRecord(result.data);
    setNote("");
    setDueOn("");
    onChanged();
    // The button pressed is gone with the move: keep the reader in the case, not at the page's top.
    focusHeading();
  };
  const name = (x: { name_zh: string | null; name_en: string | null }) => (locale === "zh" ? x.name_zh : x.name_en) ?? "";
  const active = departments.filter((x) => x.active);
  return (
    <aside ref={panel} className="details case-dialog" role="dialog" aria-label={fill(t.caseTitle, { id })} data-testid="case-dialog">
      <header>
        <h2>{fill(t.caseTitle, { id })}</h2>
        <button type="button" onClick={onClose} aria-label={d.close}>
          ×
        </button>
      </header>
      {error && (
        <p className="form-error" role="alert" data-testid="case-error" ref={errorLine} tabIndex={-1}>
          {error}
        </p>
      )}
      {!record && !error && <p className="muted">{d.loadingData}</p>}
      {record && (
        <>
          <dl>
            <div>
              <dt>{t.category}</dt>
              <dd>{d.categories[record.category as keyof typeof d.categories] ?? record.category}</dd>
            </div>
            <div>
              <dt>{t.status}</dt>
              <dd data-testid="case-status">{d.eventStatuses[record.status]}</dd>
            </div>
            <div>
              <dt>{t.happened}</dt>
              <dd>{chinaDateTime(new Date(record.occurred_at))}</dd>
            </div>
            <div>
              <dt>{t.place}</dt>
              <dd title={record.grid_cell_code ?? undefined}>{(locale === "zh" ? record.place_zh : record.place_en) ?? record.grid_cell_code ?? t.none}</dd>
            </div>
            <div>
              <dt>{t.department}</dt>
              <dd data-testid="case-department">{record.department_code ? name({ name_zh: record.department_name_zh, name_en: record.department_name_en }) : t.none}</dd>
            </div>
            <div>
              <dt>{t.due}</dt>
              <dd>
                {record.due_on ?? t.none}
                {record.overdue && <b className="overdue-mark"> {t.overdue}</b>}
              </dd>
            </div>
          </dl>
          {record.allowed_transitions.length > 0 ? (
            <form className="case-moves" onSubmit={(e) => e.preventDefault()}>
              {record.allowed_transitions.includes("assigned") && (
                <>
                  <label>
                    {t.department}
                    <select value={department} onChange={(e) => setDepartment(e.target.value)} data-testid="case-assign-department" required>
                      <option value="">{t.chooseDepartment}</option>
                      {active.map((x) => (
                        <option key={x.code} value={x.code}>
                          {locale === "zh" ? x.name_zh : x.name_en}
                        </option>
                      ))}
                    </select>
                  </label>
                  {canSetDeadline && (
                    <label>
                      {t.due}
                      <input type="date" value={dueOn} onChange={(e) => setDueOn(e.target.value)} />
                      <small className="muted">{t.dueHint}</small>
                    </label>
                  )}
                </>
              )}
              <label>
                {t.note}
                <textarea value={note} onChange={(e) => setNote(e.target.value)} placeholder={t.notePlaceholder} maxLength={500} rows={2} data-testid="case-note" />
              </label>
              <div className="actions">
                {record.allowed_transitions.map((to) => {
                  const rejection = record.status === "resolved" && to === "in_progress";
                  return (
                    <button
                      key={to}
                      type="button"
                      disabled={saving || (to === "assigned" && !department)}
                      onClick={() => void move(to)}
                      data-testid={`case-move-${to}`}
                      className={rejection ? "secondary" : undefined}
                    >
                      {rejection ? t.reject : t.moveTo[to as keyof typeof t.moveTo]}
                    </button>
                  );
                })}
              </div>
            </form>
          ) : (
            <p className="muted">{!isCaseCategory(record.category) ? t.recordOfWork : record.status === "verified" ? "" : t.notAllowedHere}</p>
          )}
          <h3>{t.history}</h3>
          {record.history.length === 0 ? (
            <p className="muted">{t.noHistory}</p>
          ) : (
            <ol className="case-history" data-testid="case-history">
              {record.history.map((step, i) => (
                <li key={i}>
                  <time dateTime={step.at}>{chinaDateTime(new Date(step.at))}</time> {step.actor} · {t.historyActions[step.action as keyof typeof t.historyActions] ?? step.action}
                  {step.to && step.action === "transition" && <> → {d.eventStatuses[step.to as EventStatus] ?? step.to}</>}
                  {step.note && <q>{step.note}</q>}
                </li>
              ))}
            </ol>
          )}
        </>
      )}
    </aside>
  );
}
