"use client";

import { useState } from "react";
import type { Department } from "@/lib/cases/departments";
import { fill } from "@/lib/i18n/fill";
import type { Locale, Messages } from "@/lib/i18n/messages";
import { addDays, chinaDate } from "@/lib/time/china-date";
import { CASE_CATEGORIES, type CaseCategory } from "@/lib/vocabulary";
import { callApi } from "@/lib/http/call-api";

/**
 * 挂牌督办 from a hot spot: the cell, a name, what is supervised and the target (at most N a week
 * for 4 whole weeks by default), the department and the deadline (default in 8 weeks). The server
 * checks that the target can be measured before the deadline.
 */
export function OpenAreaForm({
  cell,
  cellName,
  defaultCategory,
  departments,
  t,
  d,
  locale,
  onOpened,
}: {
  cell: string;
  cellName: string;
  defaultCategory: CaseCategory;
  departments: Department[];
  t: Messages["command"];
  d: Messages["dashboard"];
  locale: Locale;
  onOpened: () => void;
}) {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(cellName);
  const [category, setCategory] = useState<CaseCategory>(defaultCategory);
  const [maxPerWeek, setMaxPerWeek] = useState(2);
  const [weeks, setWeeks] = useState(4);
  // Stall matters go to 城管执法 when it is in use; otherwise the first department in use. The list
  // may arrive after the form opens (it loads once the map's first screen is painted), so the
  // default follows it until someone picks a department.
  const [picked, setDepartment] = useState("");
  const department = picked || ((departments.find((x) => x.active && x.code === "urban_management") ?? departments.find((x) => x.active))?.code ?? "");
  const [deadline, setDeadline] = useState(() => addDays(chinaDate(), 56));
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [saving, setSaving] = useState(false);
  if (!open) {
    return (
      <button type="button" className="link-button" onClick={() => setOpen(true)} data-testid="open-area">
        {done ? `✓ ${t.opened}` : t.openArea}
      </button>
    );
  }
  const submit = async () => {
    if (saving) return;
    setSaving(true);
    setError(null);
    const result = await callApi("/api/supervised-areas", {
      method: "POST",
      body: { name, cells: [cell], department, category, max_per_week: maxPerWeek, target_weeks: weeks, deadline },
    });
    setSaving(false);
    if (!result.ok) return setError(result.error);
    setOpen(false);
    setDone(true);
    onOpened();
  };
  return (
    <form
      className="open-area-form"
      data-testid="open-area-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h3>{t.openAreaTitle}</h3>
      <label>
        {t.areaName}
        <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={80} data-testid="area-name" />
      </label>
      <label>
        {t.areaCategory}
        <select value={category} onChange={(e) => setCategory(e.target.value as CaseCategory)}>
          {CASE_CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {d.categories[c]}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t.maxPerWeek}
        <input type="number" min={0} max={10000} value={maxPerWeek} onChange={(e) => setMaxPerWeek(Number(e.target.value))} required data-testid="area-max" />
      </label>
      <label>
        {t.targetWeeks}
        <input type="number" min={1} max={12} value={weeks} onChange={(e) => setWeeks(Number(e.target.value))} required />
      </label>
      <label>
        {t.department}
        <select value={department} onChange={(e) => setDepartment(e.target.value)} data-testid="area-department">
          {departments
            .filter((x) => x.active)
            .map((x) => (
              <option key={x.code} value={x.code}>
                {locale === "zh" ? x.name_zh : x.name_en}
              </option>
            ))}
        </select>
      </label>
      <label>
        {t.deadline}
        <input type="date" value={deadline} onChange={(e) => setDeadline(e.target.value)} required data-testid="area-deadline" />
      </label>
      <p className="muted">{fill(t.areaTarget, { category: d.categories[category], max: maxPerWeek, weeks })}</p>
      {error && <p className="form-error" role="alert" data-testid="open-area-error">{error}</p>}
      <button type="submit" disabled={saving || !department} data-testid="open-area-submit">
        {t.openAreaSubmit}
      </button>{" "}
      <button type="button" className="secondary" onClick={() => setOpen(false)}>
        {t.cancel}
      </button>
    </form>
  );
}
