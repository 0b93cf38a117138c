"use client";

import { Fragment, useEffect, useState } from "react";
import type { Department } from "@/lib/cases/departments";
import type { CaseList } from "@/lib/cases/list-cases";
import { analysisQuery, type ViewState } from "@/lib/dashboard/view-state";
import { fill } from "@/lib/i18n/fill";
import { LOCALE_TAG, type Locale, type Messages } from "@/lib/i18n/messages";
import { chinaDate } from "@/lib/time/china-date";
import { CASE_CATEGORIES, EVENT_STATUSES, type EventStatus } from "@/lib/vocabulary";
import { callApi } from "@/lib/http/call-api";
import { useFirstScreenPainted } from "../dashboard/first-screen";

export interface CaseFilters {
  department: string;
  category: string;
  /** "open" (not yet resolved), one status, or "" for all. */
  status: "" | "open" | EventStatus;
  overdue: boolean;
}
export const NO_CASE_FILTERS: CaseFilters = { department: "", category: "", status: "open", overdue: false };

/**
 * The case list for the window and street shown: overdue counts per street and department, the
 * median time to resolve and the clearance rate, then the cases themselves (overdue first).
 * `version` changes after a case moves, so the list reloads.
 */
export function CasesPanel({
  state,
  filters,
  setFilters,
  departments,
  version,
  t,
  d,
  locale,
  onOpen,
}: {
  state: ViewState;
  filters: CaseFilters;
  setFilters: (f: CaseFilters) => void;
  departments: Department[];
  version: number;
  t: Messages["command"];
  d: Messages["dashboard"];
  locale: Locale;
  onOpen: (id: number) => void;
}) {
  const [list, setList] = useState<CaseList | null>(null);
  // Chinese text takes a full-width colon and grouped thousands, as everywhere else on screen.
  const colon = locale === "zh" ? "：" : ": ";
  const number = new Intl.NumberFormat(LOCALE_TAG[locale]);
  const [failed, setFailed] = useState<string | null>(null);
  const query = new URLSearchParams(analysisQuery({ ...state, categories: filters.category ? [filters.category as (typeof state.categories)[number]] : state.categories }, { limit: "50" }));
  if (filters.department) query.set("department", filters.department);
  if (filters.status) query.set("status", filters.status);
  if (filters.overdue) query.set("overdue", "true");
  const url = `/api/cases?${query}`;
  const painted = useFirstScreenPainted();
  useEffect(() => {
    if (!painted) return;
    const controller = new AbortController();
    // Other filters: the previous list does not stay on screen as if it answered them.
    setList(null);
    setFailed(null);
    callApi<CaseList>(url, { signal: controller.signal })
      .then((r) => (r.ok ? setList(r.data) : setFailed(r.error)))
      .catch(() => undefined);
    return () => controller.abort();
  }, [painted, url, version]);

  const name = (x: { name_zh: string; name_en: string }) => (locale === "zh" ? x.name_zh : x.name_en);
  const departmentName = (code: string | null) => {
    const dep = departments.find((x) => x.code === code);
    return dep ? name(dep) : (code ?? t.none);
  };
  const s = list?.summary;
  return (
    <details className="command-section" open data-testid="cases-panel">
      <summary>
        <h2>{t.cases}</h2>
      </summary>
      <fieldset className="case-filters" aria-label={t.caseFilters}>
        <select value={filters.department} onChange={(e) => setFilters({ ...filters, department: e.target.value })} aria-label={t.department} data-testid="case-department-filter">
          <option value="">{t.allDepartments}</option>
          {departments.map((x) => (
            <option key={x.code} value={x.code}>
              {name(x)}
            </option>
          ))}
        </select>
        <select value={filters.category} onChange={(e) => setFilters({ ...filters, category: e.target.value })} aria-label={t.category}>
          <option value="">{t.allCaseCategories}</option>
          {CASE_CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {d.categories[c]}
            </option>
          ))}
        </select>
        <select value={filters.status} onChange={(e) => setFilters({ ...filters, status: e.target.value as CaseFilters["status"] })} aria-label={t.status} data-testid="case-status-filter">
          <option value="open">{t.statusFilter.open}</option>
          {EVENT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {d.eventStatuses[s]}
            </option>
          ))}
          <option value="">{t.statusFilter.all}</option>
        </select>
        <label>
          <input type="checkbox" checked={filters.overdue} onChange={(e) => setFilters({ ...filters, overdue: e.target.checked })} data-testid="case-overdue-filter" /> {t.overdueOnly}
        </label>
      </fieldset>
      {filters.status === "open" && <p className="muted" data-testid="open-ignores-dates">{t.openIgnoresDates}</p>}
      {failed && <p className="form-error" role="alert">{failed}</p>}
      {!list && !failed && <p className="muted">{d.loadingData}</p>}
      {s && (
        <div className="case-figures" data-testid="case-figures">
          <p>
            {t.medianDays}
            {colon}
            <b>{s.median_days_to_resolve === null ? t.none : fill(t.days, { n: s.median_days_to_resolve })}</b>
          </p>
          <p title={fill(t.clearanceDetail, { cleared: number.format(s.clearance.cleared_in_time), total: number.format(s.clearance.in_zones) })}>
            {t.clearance}
            {colon}
            <b data-testid="clearance-rate">{s.clearance.rate === null ? t.none : `${Math.round(s.clearance.rate * 1000) / 10}%`}</b>{" "}
            <small className="muted">({fill(t.clearanceDetail, { cleared: number.format(s.clearance.cleared_in_time), total: number.format(s.clearance.in_zones) })})</small>
          </p>
          <Tallies title={t.overdueByStreet} rows={s.by_street.filter((r) => r.open > 0).slice(0, 8)} name={name} count={number.format} t={t} testId="overdue-by-street" />
          <Tallies title={t.overdueByDepartment} rows={s.by_department.filter((r) => r.open > 0)} name={name} count={number.format} t={t} testId="overdue-by-department" />
        </div>
      )}
      {list && list.cases.length === 0 && <p className="chart-empty">{t.noCases}</p>}
      {list && list.cases.length > 0 && (
        <>
          <p className="muted">{fill(t.caseCount, { n: number.format(list.total), shown: list.cases.length })}</p>
          <table className="table case-table" data-testid="case-list">
            <thead>
              <tr>
                <th>{t.category}</th>
                <th>{t.status}</th>
                <th>{t.departmentShort}</th>
                <th>{t.due}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {list.cases.map((c) => {
                const day = chinaDate(new Date(c.occurred_at));
                const place = [locale === "zh" ? c.street_name_zh : c.street_name_en, locale === "zh" ? c.community_name_zh : c.community_name_en].filter(Boolean).join(" · ");
                return (
                  <Fragment key={c.id}>
                    <tr className={c.overdue ? "overdue" : undefined} data-case={c.id}>
                      <td title={c.grid_cell_code ?? undefined}>{d.categories[c.category]}</td>
                      <td>{d.eventStatuses[c.status]}</td>
                      <td>{c.department_code ? departmentName(c.department_code) : t.none}</td>
                      <td>
                        {c.due_on ?? t.none}
                        {c.overdue && <b className="overdue-mark"> {t.overdue}</b>}
                      </td>
                      <td>
                        <button type="button" className="link" onClick={() => onOpen(c.id)} data-testid="open-case">
                          {t.open_case}
                        </button>
                      </td>
                    </tr>
                    {/* Where and when, on a line of its own under the case: a commander reads the place before opening it. */}
                    <tr className="case-place" data-place-of={c.id}>
                      <td colSpan={5} data-testid="case-place">
                        {place || t.none} · {day.startsWith(chinaDate().slice(0, 4)) ? day.slice(5) : day}
                      </td>
                    </tr>
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </>
      )}
    </details>
  );
}

function Tallies({
  title,
  rows,
  name,
  count,
  t,
  testId,
}: {
  title: string;
  rows: { code: string; name_zh: string; name_en: string; open: number; overdue: number }[];
  name: (x: { name_zh: string; name_en: string }) => string;
  count: (n: number) => string;
  t: Messages["command"];
  testId: string;
}) {
  if (rows.length === 0) return null;
  return (
    <table className="table tallies" data-testid={testId}>
      <caption>{title}</caption>
      <thead>
        <tr>
          <th />
          <th>{t.open}</th>
          <th>{t.overdue}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.code}>
            <td>{name(r)}</td>
            <td>{count(r.open)}</td>
            <td className={r.overdue > 0 ? "overdue" : undefined}>{count(r.overdue)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
