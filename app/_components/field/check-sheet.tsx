"use client";

import { useState, type FormEvent } from "react";
import type { FieldBuilding } from "@/lib/field/field-types";
import { FIVE_RULES, isBroken, type RuleColumn } from "@/lib/checks/five-rules";
import { fill } from "@/lib/i18n/fill";
import { chinaDate } from "@/lib/time/china-date";
import type { FieldLabels } from "./field-app";

const MARKS = ["①", "②", "③", "④", "⑤"];

/**
 * 出租房屋检查 for one thumb: each of the five rules, the letter and "empty" as two big buttons (the
 * building's last known state preselected), rented units with − / +, a note, and Save at the
 * bottom. The body is the same check the dashboard records (POST …/checks).
 */
export function CheckSheet({
  labels,
  building,
  waiting,
  onCancel,
  onSave,
}: {
  labels: FieldLabels;
  building: FieldBuilding;
  /** A check of this building saved on the phone and not sent yet: the form starts from it. */
  waiting: Record<string, unknown> | null;
  onCancel: () => void;
  onSave: (body: Record<string, unknown>) => Promise<void>;
}) {
  const { t, locale } = labels;
  // The waiting check's body uses the building's own field names (the five rules, letter, units, empty).
  const start = { ...building, ...(waiting ?? {}) } as FieldBuilding & Record<string, unknown>;
  // What was found, as "is this rule broken?", from the building's current flags (or the waiting check's).
  const [broken, setBroken] = useState<Record<RuleColumn, boolean>>(
    () => Object.fromEntries(FIVE_RULES.map((r) => [r.column, isBroken(r.column, start[r.column] as boolean)])) as Record<RuleColumn, boolean>,
  );
  const [letter, setLetter] = useState(Boolean(start.letter_signed));
  const [empty, setEmpty] = useState(Boolean(start.empty));
  const [rented, setRented] = useState(Number(start.rented_units));
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    // A rule's column holds "meets" for ① and "has the problem" for ②–⑤ (see five-rules.ts).
    const flags = Object.fromEntries(FIVE_RULES.map((r) => [r.column, broken[r.column] ? r.broken : !r.broken]));
    await onSave({ checked_on: chinaDate(), ...flags, letter_signed: letter, rented_units: empty ? 0 : rented, empty, note: note.trim() });
    setBusy(false);
  }

  return (
    <form className="field-sheet" onSubmit={(e) => void submit(e)} data-testid="field-check" aria-label={t.checkTitle}>
      <h2>{t.checkTitle}</h2>
      <p className="field-row-main">{building.address}</p>
      <p className="field-note">
        {t.checkedOn} {chinaDate()} · {building.last_inspected_on ? fill(t.lastChecked, { date: building.last_inspected_on }) : t.neverChecked}
      </p>
      {waiting && (
        <p className="field-note" role="status" data-testid="field-check-waiting">
          {t.checkWaiting}
        </p>
      )}
      <fieldset>
        <legend>{t.rules}</legend>
        {FIVE_RULES.map((r, i) => (
          <YesNo key={r.column} problem name={r.column} label={`${MARKS[i]} ${r[locale]}`} value={broken[r.column]} yes={t.yes} no={t.no} onChange={(v) => setBroken({ ...broken, [r.column]: v })} />
        ))}
      </fieldset>
      <YesNo name="letter_signed" label={t.letter} value={letter} yes={t.yes} no={t.no} onChange={setLetter} />
      <YesNo name="empty" label={t.empty} value={empty} yes={t.yes} no={t.no} onChange={setEmpty} />
      {!empty && (
        <div className="field-stepper" role="group" aria-label={t.rentedUnits}>
          <span>
            {t.rentedUnits} <small>{fill(t.of, { n: building.units })}</small>
          </span>
          <button type="button" aria-label={t.fewer} onClick={() => setRented(Math.max(0, rented - 1))} disabled={rented <= 0}>
            −
          </button>
          <output data-testid="field-rented">{rented}</output>
          <button type="button" aria-label={t.more} onClick={() => setRented(Math.min(building.units, rented + 1))} disabled={rented >= building.units}>
            +
          </button>
        </div>
      )}
      <label className="field-label">
        {t.note}
        <textarea value={note} maxLength={500} rows={2} onChange={(e) => setNote(e.target.value)} />
      </label>
      <div className="field-actions">
        <button type="button" onClick={onCancel}>
          {t.cancel}
        </button>
        <button type="submit" className="field-big primary" disabled={busy} data-testid="field-check-save">
          {t.save}
        </button>
      </div>
    </form>
  );
}

/**
 * A yes/no question as two big buttons (a checkbox is too small a target for a thumb). For a rule
 * (`problem`), "yes" means a problem was found and is shown in red.
 */
function YesNo({ name, label, value, yes, no, onChange, problem = false }: { name: string; label: string; value: boolean; yes: string; no: string; onChange: (v: boolean) => void; problem?: boolean }) {
  return (
    <div className={problem ? "field-yesno problem" : "field-yesno"} role="radiogroup" aria-label={label} data-name={name}>
      <span>{label}</span>
      <button type="button" role="radio" aria-checked={!value} className={!value ? "on" : ""} onClick={() => onChange(false)}>
        {no}
      </button>
      <button type="button" role="radio" aria-checked={value} className={value ? "on" : ""} onClick={() => onChange(true)}>
        {yes}
      </button>
    </div>
  );
}
