"use client";

import { chinaDate } from "@/lib/time/china-date";
import { useCallback, useEffect, useRef, useState } from "react";
import { FIVE_RULES, RULE_OUTCOMES, type RuleColumn } from "@/lib/checks/five-rules";
import type { Locale, Messages } from "@/lib/i18n/messages";
import { fill } from "@/lib/i18n/fill";
import { useFocusOnMessage } from "../use-panel-focus";
import { callApi, failureText } from "@/lib/http/call-api";

type Work = Messages["work"];

interface Building {
  code: string;
  address: string;
  units: number;
  rented_units: number;
  registration_status: "registered" | "unregistered" | "deregistered";
  responsibility_letter_signed: boolean;
  letter_signed_on: string | null;
  last_inspected_on: string | null;
  empty_since: string | null;
  rental_status: "allowed" | "barred" | "suspended";
  licence_allowed: boolean;
  registered_occupant_count: number | null;
  grid_cell_code: string | null;
  grid_cell_name_zh: string | null;
  grid_cell_name_en: string | null;
  version: string;
  [rule: string]: unknown;
}
interface Check {
  id: number;
  checked_on: string;
  checked_by: string;
  rented_units: number;
  empty: boolean;
  letter_signed: boolean;
  note: string;
  [rule: string]: unknown;
}
interface Rectification {
  id: number;
  rule: RuleColumn;
  opened_on: string;
  due_on: string;
  closed_on: string | null;
  overdue: boolean;
  days_overdue: number | null;
}

/** Tells the work lists (and anything else showing the register) that a building changed. */
export const REGISTER_CHANGED = "grid-atlas:register-changed";
const announceRegisterChange = () => window.dispatchEvent(new Event(REGISTER_CHANGED));
/** An idempotency key; crypto.randomUUID exists only on secure (HTTPS or localhost) pages. */
const newKey = () => (typeof crypto.randomUUID === "function" ? crypto.randomUUID() : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${Math.random().toString(36).slice(2)}`);

const isBroken = (rule: (typeof FIVE_RULES)[number], value: unknown) => value === rule.broken;
const ruleMark = (n: number) => "①②③④⑤"[n - 1];

/**
 * A rental building as a street office works on it: its register entry in words, the five rules
 * with what each found means, open rectifications with their deadlines, the check history, and
 * (for its own street office) the check form and a "registered" button.
 */
export function BuildingCard({ code, t, statuses, locale, canRecord }: { code: string; t: Work; statuses: Messages["dashboard"]["statuses"]; locale: Locale; canRecord: boolean }) {
  const [building, setBuilding] = useState<Building | null>(null);
  const [history, setHistory] = useState<{ checks: Check[]; rectifications: Rectification[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // A saved check starts a fresh form: today's date, no note, the rules as the building now stands.
  const [checkForm, setCheckForm] = useState(0);
  // The saved form's button goes with it: the focus moves to the notice, which says what was recorded.
  const noticeLine = useRef<HTMLParagraphElement>(null);

  // The building asked for last: an answer for one clicked before it must not land on its card
  // (its form would then save the other building's figures under this one's code).
  const latest = useRef(code);
  useEffect(() => {
    latest.current = code;
  }, [code]);
  const load = useCallback(async () => {
    setError(null);
    const [b, h] = await Promise.all([
      callApi<Building>(`/api/rental-buildings/${encodeURIComponent(code)}`),
      callApi<{ checks: Check[]; rectifications: Rectification[] }>(`/api/rental-buildings/${encodeURIComponent(code)}/checks`),
    ]);
    if (latest.current !== code) return;
    if (!b.ok || !h.ok) {
      const failed = !b.ok ? b : !h.ok ? h : null;
      setError(failed ? failureText(failed, t.loadFailed) : t.loadFailed);
      return;
    }
    setBuilding(b.data);
    setHistory(h.data);
  }, [code, t.loadFailed]);

  useEffect(() => {
    setBuilding(null);
    setHistory(null);
    setNotice(null);
    void load();
  }, [load]);

  if (error) return <p className="error" role="alert">{error}</p>;
  if (!building || !history) return <p className="muted">{t.loading}</p>;

  const register = async () => {
    const response = await fetch(`/api/rental-buildings/${encodeURIComponent(code)}`, {
      method: "PATCH",
      headers: { "Content-Type": "application/json", "If-Match": `"${building.version}"` },
      body: JSON.stringify({ registration_status: "registered" }),
    }).catch(() => null);
    const problem = !response ? t.offline : response.ok ? null : (((await response.json().catch(() => ({}))) as { error?: string }).error ?? `HTTP ${response.status}`);
    await load();
    if (problem) setError(problem);
    else {
      setNotice(t.registered);
      announceRegisterChange();
    }
  };

  const broken = FIVE_RULES.filter((r) => isBroken(r, building[r.column]));
  const open = history.rectifications.filter((r) => r.closed_on === null);
  return (
    <div className="building-card" data-testid="building-card">
      <p className={`rental-status rental-status-${building.rental_status}`} data-testid="rental-status">
        {t.rentalStatus[building.rental_status]}
        {!building.licence_allowed && <span className="licence-no"> · {t.licenceNo}</span>}
      </p>
      <p className="building-address" data-testid="building-address">
        <strong>{building.address}</strong> <span className="muted">{building.code}</span>
      </p>
      <dl>
        <div>
          <dt>{t.cell}</dt>
          {/* The cell as the tables name it (社区 and number); its 15-digit code as the tooltip. */}
          <dd title={building.grid_cell_code ?? undefined} data-testid="building-cell">
            {(locale === "zh" ? building.grid_cell_name_zh : building.grid_cell_name_en) ?? building.grid_cell_code ?? "—"}
          </dd>
        </div>
        <div><dt>{t.units}</dt><dd>{building.units}（{t.rentedUnits} {building.rented_units}）</dd></div>
        <div><dt>{t.registration}</dt><dd>{statuses[building.registration_status]}</dd></div>
        <div><dt>{t.letter}</dt><dd>{building.responsibility_letter_signed ? `${t.letterSigned}${building.letter_signed_on ? ` ${building.letter_signed_on}` : ""}` : t.letterMissing}</dd></div>
        <div><dt>{t.lastCheck}</dt><dd>{building.last_inspected_on ?? t.never}</dd></div>
        {building.empty_since && <div><dt>{t.emptySince}</dt><dd>{building.empty_since}</dd></div>}
        <div><dt>{t.occupants}</dt><dd>{building.registered_occupant_count ?? t.withheld}</dd></div>
      </dl>
      <h3>{t.rules}</h3>
      {broken.length === 0 ? (
        <p className="muted">{t.noRuleBroken}</p>
      ) : (
        <ul className="rules" data-testid="rules-broken">
          {broken.map((r) => (
            <li key={r.column}>
              {ruleMark(r.number)} {r[locale]} → <strong>{RULE_OUTCOMES[r.outcome][locale]}</strong>
            </li>
          ))}
        </ul>
      )}
      <h3>{t.rectifications}</h3>
      {open.length === 0 ? (
        <p className="muted">{t.noRectifications}</p>
      ) : (
        <ul className="rectifications" data-testid="rectifications">
          {open.map((r) => {
            const rule = FIVE_RULES.find((x) => x.column === r.rule)!;
            return (
              <li key={r.id} className={r.overdue ? "overdue" : ""}>
                {ruleMark(rule.number)} {rule[locale]} · {t.due} {r.due_on} ·{" "}
                {r.overdue ? fill(t.overdueBy, { n: r.days_overdue ?? 0 }) : fill(t.daysLeft, { n: -(r.days_overdue ?? 0) })}
              </li>
            );
          })}
        </ul>
      )}
      {notice && (
        <p className="notice" role="status" ref={noticeLine} tabIndex={-1}>
          {notice}
        </p>
      )}
      {canRecord && building.registration_status === "unregistered" && (
        <button type="button" onClick={() => void register()} data-testid="mark-registered">{t.markRegistered}</button>
      )}
      {canRecord && (
        <CheckForm
          key={checkForm}
          code={code}
          building={building}
          t={t}
          locale={locale}
          onSaved={async (message) => {
            setNotice(message);
            await load();
            setCheckForm((n) => n + 1);
            announceRegisterChange();
            requestAnimationFrame(() => noticeLine.current?.focus({ preventScroll: true }));
          }}
        />
      )}
      <h3>{t.checks}</h3>
      {history.checks.length === 0 ? (
        <p className="muted">{t.noChecks}</p>
      ) : (
        <ol className="check-history" data-testid="check-history">
          {history.checks.slice(0, 6).map((c) => {
            const found = FIVE_RULES.filter((r) => isBroken(r, c[r.column]));
            return (
              <li key={c.id}>
                <strong>{c.checked_on}</strong> · {found.length ? found.map((r) => `${ruleMark(r.number)}${r[locale]}`).join("、") : t.noRuleBroken}
                {c.empty ? ` · ${t.empty}` : ` · ${t.rentedUnits} ${c.rented_units}`} · {t.by} {c.checked_by}
                {c.note && <div className="muted">{c.note}</div>}
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}

function CheckForm({ code, building, t, locale, onSaved }: { code: string; building: Building; t: Work; locale: Locale; onSaved: (message: string) => Promise<void> }) {
  const [found, setFound] = useState<Record<RuleColumn, boolean>>(() => Object.fromEntries(FIVE_RULES.map((r) => [r.column, isBroken(r, building[r.column])])) as Record<RuleColumn, boolean>);
  const [checkedOn, setCheckedOn] = useState(() => chinaDate());
  const [letter, setLetter] = useState(building.responsibility_letter_signed);
  const [rented, setRented] = useState(String(building.rented_units));
  // A building found empty before stays empty unless this visit says otherwise (the 3-month clock runs on).
  const [empty, setEmpty] = useState(building.empty_since !== null);
  const [note, setNote] = useState("");
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // One key per check being entered: pressing Save again after a lost answer cannot record it twice.
  const key = useRef(newKey());
  const errorLine = useFocusOnMessage<HTMLParagraphElement>(error);

  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setError(null);
    // The flags say whether each rule is broken; the register keeps rule ① the other way round.
    const flags = Object.fromEntries(FIVE_RULES.map((r) => [r.column, found[r.column] ? r.broken : !r.broken]));
    let response: Response;
    try {
      response = await fetch(`/api/rental-buildings/${encodeURIComponent(code)}/checks`, {
        method: "POST",
        headers: { "Content-Type": "application/json", "Idempotency-Key": key.current },
        body: JSON.stringify({ checked_on: checkedOn, ...flags, letter_signed: letter, rented_units: empty ? 0 : Number(rented), empty, note }),
      });
    } catch {
      setError(t.offline);
      return;
    } finally {
      setSaving(false);
    }
    const body = (await response.json().catch(() => ({}))) as { error?: string; opened?: { rule: RuleColumn }[]; closed?: { rule: RuleColumn }[] };
    if (!response.ok) {
      setError(body.error ?? `HTTP ${response.status}`);
      return;
    }
    key.current = newKey();
    const parts = [t.saved];
    const named = (items: { rule: RuleColumn }[]) =>
      items.map((r) => FIVE_RULES.find((x) => x.column === r.rule)!).map((rule) => `${ruleMark(rule.number)}${rule[locale]}`).join("、");
    if (body.opened?.length) parts.push(`${t.opened}：${named(body.opened)}`);
    if (body.closed?.length) parts.push(`${t.closed}：${named(body.closed)}`);
    await onSaved(parts.join(locale === "zh" ? "；" : "; "));
  };

  return (
    <form className="check-form" onSubmit={(e) => void save(e)} data-testid="check-form" aria-label={t.recordCheck}>
      <h3>{t.recordCheck}</h3>
      <label>
        {t.checkedOn}
        <input type="date" value={checkedOn} max={chinaDate()} onChange={(e) => setCheckedOn(e.target.value)} required />
      </label>
      <fieldset>
        <legend>{t.found}</legend>
        {FIVE_RULES.map((r) => (
          <label key={r.column} className="check-rule">
            <input type="checkbox" name={r.column} checked={found[r.column]} onChange={(e) => setFound({ ...found, [r.column]: e.target.checked })} />
            {ruleMark(r.number)} {r[locale]} <span className="muted">→ {RULE_OUTCOMES[r.outcome][locale]}</span>
          </label>
        ))}
      </fieldset>
      <label className="check-rule">
        <input type="checkbox" name="letter_signed" checked={letter} onChange={(e) => setLetter(e.target.checked)} />
        {t.letterSignedBox}
      </label>
      <label className="check-rule">
        <input type="checkbox" name="empty" checked={empty} onChange={(e) => setEmpty(e.target.checked)} />
        {t.empty}
      </label>
      {!empty && (
        <label>
          {t.rentedUnits}
          <input type="number" name="rented_units" required min={0} max={building.units} value={rented} onChange={(e) => setRented(e.target.value)} />
        </label>
      )}
      <label>
        {t.note}
        <textarea name="note" maxLength={500} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      {error && (
        <p className="error" role="alert" ref={errorLine} tabIndex={-1}>
          {error}
        </p>
      )}
      <button type="submit" disabled={saving}>{saving ? t.saving : t.save}</button>
    </form>
  );
}
