"use client";

import { useEffect, useState } from "react";
import { FIVE_RULES } from "@/lib/checks/five-rules";
import { LOCALE_TAG, type Locale, type Messages } from "@/lib/i18n/messages";
import { REGISTER_CHANGED } from "./building-card";
import { useFirstScreenPainted } from "./first-screen";
import { fill } from "@/lib/i18n/fill";
import { callApi, failureText } from "@/lib/http/call-api";

const LISTS = ["unchecked", "unregistered", "rented-not-rentable", "rectifications", "empty-3-months", "letters-missing"] as const;
export type WorklistName = (typeof LISTS)[number];

interface Row {
  code: string;
  address: string;
  grid_cell_code: string | null;
  lon: number;
  lat: number;
  last_inspected_on: string | null;
  empty_since: string | null;
  rule: string | null;
  due_on: string | null;
  days_overdue: number | null;
  rental_status: string;
  [rule: string]: unknown;
}

const SHOWN = 100;

/**
 * The street office's work lists as tables: which buildings to visit, in the order the work is
 * done; a row opens the building on the map (its card, where the check is recorded); CSV for all.
 */
export function Worklists({
  street,
  cell,
  list,
  onList,
  t,
  locale,
  onBuilding,
}: {
  street: string | null;
  cell: string | null;
  list: WorklistName;
  onList: (list: WorklistName, cell: string | null) => void;
  t: Messages["work"];
  locale: Locale;
  onBuilding: (code: string, at: [number, number]) => void;
}) {
  const [result, setResult] = useState<{ total: number; rows: Row[] } | null>(null);
  const [q, setQ] = useState("");
  const [search, setSearch] = useState("");
  // Ask the server once typing pauses.
  useEffect(() => {
    const timer = setTimeout(() => setSearch(q.trim()), 300);
    return () => clearTimeout(timer);
  }, [q]);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  // A check or registration saved on a building's card may take it off a list.
  useEffect(() => {
    const reload = () => setVersion((v) => v + 1);
    window.addEventListener(REGISTER_CHANGED, reload);
    return () => window.removeEventListener(REGISTER_CHANGED, reload);
  }, []);
  const query = new URLSearchParams({ ...(street ? { street } : {}), ...(cell ? { cell } : {}), ...(search ? { q: search } : {}) });
  const queryText = query.toString();
  useEffect(() => setResult(null), [list, queryText]);
  const painted = useFirstScreenPainted();
  useEffect(() => {
    if (!painted) return;
    const controller = new AbortController();
    setError(null);
    // An abort (another street, list or search) while the answer is read must not land as a
    // result: callApi rejects with the AbortError then, and the newer request's answer follows.
    callApi<{ total: number; rows: Row[] }>(`/api/worklists/${list}?limit=${SHOWN}&${queryText}`, { signal: controller.signal })
      .then((answer) => (answer.ok ? setResult(answer.data) : setError(failureText(answer, t.loadFailed))))
      .catch((e: Error) => {
        if (e.name !== "AbortError") setError(e.message);
      });
    return () => controller.abort();
  }, [painted, list, queryText, version, t.loadFailed]);
  const detail = (r: Row) => {
    if (list === "rectifications") {
      const rule = FIVE_RULES.find((x) => x.column === r.rule);
      const late = (r.days_overdue ?? 0) > 0;
      return (
        <span className={late ? "overdue" : undefined}>
          {rule ? `${"①②③④⑤"[rule.number - 1]}${rule[locale]}` : ""} · {r.due_on}
          {late ? ` · ${fill(t.overdueBy, { n: r.days_overdue! })}` : ""}
        </span>
      );
    }
    if (list === "empty-3-months") return r.empty_since;
    if (list === "rented-not-rentable") {
      const why = FIVE_RULES.filter((rule) => rule.outcome !== "no_licence" && r[rule.column] === rule.broken).map((rule) => `${"①②③④⑤"[rule.number - 1]}${rule[locale]}`);
      return `${why.join("、")} → ${t.rentalStatus[r.rental_status as keyof typeof t.rentalStatus] ?? r.rental_status}`;
    }
    return r.last_inspected_on ?? t.never;
  };
  return (
    <section className="worklists" data-testid="worklists">
      <div className="tabs wrap" role="tablist" aria-label={t.worklists}>
        {LISTS.map((l) => (
          <button key={l} type="button" role="tab" aria-selected={list === l} onClick={() => onList(l, l === "unregistered" ? cell : null)} data-testid={`worklist-${l}`}>
            {t.lists[l]}
          </button>
        ))}
      </div>
      <input type="search" className="worklist-search" placeholder={t.addressFilter} aria-label={t.addressFilter} value={q} onChange={(e) => setQ(e.target.value)} data-testid="worklist-search" />
      {cell && <p className="muted">{t.cell} {cell}</p>}
      {error ? (
        <p className="error" role="alert">{error}</p>
      ) : !result ? (
        <p className="chart-empty">{t.loading}</p>
      ) : result.rows.length === 0 ? (
        <p className="chart-empty">{t.listEmpty}</p>
      ) : (
        <>
          <p className="muted">
            {fill(t.listCount, { n: new Intl.NumberFormat(LOCALE_TAG[locale]).format(result.total) })}
            {result.total > result.rows.length && ` · ${fill(t.showMore, { n: result.rows.length })}`} ·{" "}
            <a href={`/api/worklists/${list}?format=csv&${queryText}`} download data-testid="worklist-csv">
              {t.downloadCsv}
            </a>
          </p>
          <table className="table worklist-table" data-testid="worklist-table">
            <thead>
              <tr>
                <th>{t.address}</th>
                <th>{t.detailHeads[list]}</th>
              </tr>
            </thead>
            <tbody>
              {result.rows.map((r) => (
                <tr key={`${r.code}-${r.rule ?? ""}`} onClick={() => onBuilding(r.code, [r.lon, r.lat])} tabIndex={0} onKeyDown={(e) => e.key === "Enter" && onBuilding(r.code, [r.lon, r.lat])}>
                  <td title={r.code}>{r.address}</td>
                  <td>{detail(r)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
