"use client";

import { compactPlaceName } from "@/lib/i18n/place-name";
import { useEffect, useState } from "react";
import type { Place } from "@/lib/boundaries/list-places";
import { toCsv } from "@/lib/csv/to-csv";
import { saveFile } from "../save-file";
import { targetSource, type TargetSource } from "./target-source";
import { analysisQuery, COVERAGE_METRIC_KEYS, lastDay, windowDays, type CoverageMetricKey, type ViewState } from "@/lib/dashboard/view-state";
import type { Locale, Messages } from "@/lib/i18n/messages";
import type { Bounds } from "@/lib/map/map-types";
import { geometryBbox } from "./geometry-bbox";
import { useFirstScreenPainted } from "./first-screen";
import { addMonths, chinaMonth } from "@/lib/time/china-date";
import { MonthlyTrend } from "./after-first-screen";
import { Worklists, type WorklistName } from "./worklists";
import { fill } from "@/lib/i18n/fill";
import { callApi, failureText } from "@/lib/http/call-api";
import { codeInStreet, districtOfCode, isDistrictCode } from "@/lib/auth/street-code";

interface Metric {
  rate: number | null;
  target: number;
  gap: number | null;
  numerator: number;
  denominator: number;
}
interface UnitRow {
  code: string;
  name_zh: string;
  name_en: string;
  metrics: Record<CoverageMetricKey, Metric>;
  below_target: CoverageMetricKey[];
  bbox: Bounds | null;
}

/** A street's coverage: metric table per community and cell, cells below target first, CSV export. */
export function CoveragePanel({
  state,
  update,
  t,
  locale,
  places,
  districtOf,
  onZoom,
  work,
  onBuilding,
}: {
  state: ViewState;
  update: (s: Partial<ViewState>) => void;
  t: Messages["dashboard"];
  locale: Locale;
  places: Place[];
  /** The name of a unit's district while the whole city is in sight (see Dashboard); else null. */
  districtOf: ((code: string) => string) | null;
  onZoom: (bbox: Bounds, code?: string) => void;
  work: Messages["work"];
  onBuilding: (code: string, at: [number, number]) => void;
}) {
  const name = (p: Pick<Place, "nameZh" | "nameEn">) => (locale === "zh" ? p.nameZh : p.nameEn);
  // With several districts in sight, the streets come grouped by district — only the chosen
  // district's when one is chosen above (DistrictPicker), whose code "all streets" then stands for.
  const districts = places.filter((p) => p.kind === "district");
  const district = districts.length > 1 && state.street ? districts.find((d) => d.code === districtOfCode(state.street!)) : undefined;
  const allValue = district?.code ?? "";
  const streets = places.filter((p) => p.kind === "street");
  const streetGroups =
    districts.length > 1
      ? districts.filter((d) => !district || d.code === district.code).map((d) => ({ district: d, streets: streets.filter((p) => districtOfCode(p.code) === d.code) }))
      : [{ district: null, streets }];
  const [level, setLevel] = useState<"communities" | "grid-cells">("communities");
  const [rows, setRows] = useState<UnitRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [targets, setTargets] = useState<Record<string, TargetSource> | null>(null);
  // In the whole city each unit is judged by its own district's targets (when it has its own).
  const [targetsByDistrict, setTargetsByDistrict] = useState<Record<string, Record<string, TargetSource>>>({});
  const targetsOf = (code: string) => targetsByDistrict[districtOfCode(code)] ?? targets;
  const [frozenAt, setFrozenAt] = useState<string | null>(null);
  const [changes, setChanges] = useState<Map<string, number | null> | null>(null);
  const [worklist, setWorklist] = useState<{ list: WorklistName; cell: string | null }>({ list: "unchecked", cell: null });
  // The month picker: a window that is exactly a calendar month shows that month (frozen once ended).
  const current = chinaMonth();
  const months = Array.from({ length: 13 }, (_, i) => addMonths(current, -i));
  const month = /-01$/.test(state.from) && state.to === `${addMonths(state.from.slice(0, 7), 1)}-01` ? state.from.slice(0, 7) : "";
  // A cell's list belongs to its street: another street starts from the month's list.
  useEffect(() => setWorklist((w) => (w.cell && state.street && !codeInStreet(w.cell, state.street) ? { list: "unchecked", cell: null } : w)), [state.street]);
  const pickMonth = (m: string) => m && update({ from: `${m}-01`, to: `${addMonths(m, 1)}-01` });
  const painted = useFirstScreenPainted();
  useEffect(() => {
    if (!month) {
      setChanges(null);
      return;
    }
    if (!painted) return;
    const controller = new AbortController();
    const query = new URLSearchParams({ month, unit: level, ...(state.street ? { street: state.street } : {}) });
    fetch(`/api/reports/monthly?${query}`, { signal: controller.signal })
      .then((r) => (r.ok ? r.json() : null))
      .then((body: { units: { code: string; metrics: Record<string, { change: number | null }> }[] } | null) =>
        setChanges(body ? new Map(body.units.map((u) => [u.code, u.metrics[state.metric]?.change ?? null])) : null),
      )
      .catch(() => {});
    return () => controller.abort();
  }, [painted, month, level, state.street, state.metric]);
  useEffect(() => {
    if (!painted) return;
    const controller = new AbortController();
    setRows(null);
    setError(null);
    type Answer = { features: { properties: Omit<UnitRow, "bbox">; geometry: GeoJSON.Geometry }[]; summary?: { targets?: Record<string, TargetSource>; targets_by_district?: Record<string, Record<string, TargetSource>>; frozen_at?: string | null } };
    callApi<Answer>(`/api/analytics/coverage?${analysisQuery(state, { unit: level })}`, { signal: controller.signal })
      .then((answer) => {
        if (!answer.ok) return setError(failureText(answer, t.loadFailed));
        const body = answer.data;
        setTargets(body.summary?.targets ?? null);
        setTargetsByDistrict(body.summary?.targets_by_district ?? {});
        setFrozenAt(body.summary?.frozen_at ?? null);
        setRows(
          body.features
            .map((f) => ({ ...f.properties, bbox: geometryBbox(f.geometry) }))
            .sort((a, b) => (b.metrics[state.metric].gap ?? -1) - (a.metrics[state.metric].gap ?? -1)),
        );
      })
      .catch(() => {});
    return () => controller.abort();
  }, [painted, state, level, t.loadFailed]);
  const pct = (v: number | null) => (v === null ? "–" : `${(v * 100).toFixed(1)}%`);
  // A target as it is set (95%, 97.5%), as /setup shows it; rates keep their one decimal.
  const targetPct = (v: number | null) => (v === null ? "–" : `${Number((v * 100).toFixed(1))}%`);
  const areaTarget = targets?.[state.metric];
  const exportCsv = () => {
    if (!rows) return;
    // Headers in the reader's language; rates in % to 0.1, with numerator and denominator; the gap
    // in percentage points with the sign shown on screen (negative below target); each target's source.
    const period = month || windowDays(state);
    const paren = (x: string) => (locale === "zh" ? `（${x}）` : ` (${x})`);
    // A district column once several districts are in sight (the same names recur in each).
    const several = districts.length > 1;
    const header = [t.csvHeaders.code, t.csvHeaders.name, ...(several ? [t.district] : []), t.csvHeaders.period, ...COVERAGE_METRIC_KEYS.flatMap((m) => [
      `${t.metrics[m]}${paren("%")}`, `${t.metrics[m]} ${t.csvHeaders.numerator}`, `${t.metrics[m]} ${t.csvHeaders.denominator}`,
      `${t.metrics[m]} ${t.target}${paren("%")}`, `${t.metrics[m]} ${t.gap}${paren(t.csvHeaders.points)}`, `${t.metrics[m]} ${t.csvHeaders.source}`,
    ])];
    const pct1 = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);
    const body = rows.map((r) => [
      r.code,
      locale === "zh" ? r.name_zh : r.name_en,
      ...(several ? [name(districts.find((d) => d.code === districtOfCode(r.code)) ?? { nameZh: "", nameEn: "" })] : []),
      period,
      ...COVERAGE_METRIC_KEYS.flatMap((m) => {
        const x = r.metrics[m];
        return [pct1(x.rate), x.numerator, x.denominator, pct1(x.target), x.gap === null ? null : -Math.round(x.gap * 1000) / 10, targetSource(targetsOf(r.code)?.[m], t, several) ?? ""];
      }),
    ]);
    // Named in the reader's language, like the work lists' files: 覆盖率-<area>-社区-2026-11.csv.
    const file = locale === "zh" ? ["覆盖率", state.street ?? (several ? "全市" : "全区"), level === "communities" ? "社区" : "网格"] : ["coverage", state.street ?? (several ? "city" : "district"), level];
    saveFile(new Blob([toCsv(header, body)], { type: "text/csv;charset=utf-8" }), `${[...file, month || lastDay(state)].join("-")}.csv`);
  };
  const toRegister = (m: Metric) => Math.max(0, Math.ceil(m.target * m.denominator - m.numerator - 1e-9));
  const arrow = (change: number | null | undefined) =>
    change === null || change === undefined ? "–" : Math.abs(change) < 0.0005 ? "→ 0.0" : `${change > 0 ? "↑" : "↓"} ${Math.abs(change * 100).toFixed(1)}`;
  // The monthly PDF is a street's report: offered once one street is chosen.
  const pdfStreet = state.street && !isDistrictCode(state.street) ? state.street : null;
  return (
    <>
      <label className="select-row">
        {t.street}
        <select
          value={state.street && !isDistrictCode(state.street) ? state.street : allValue}
          onChange={(e) => {
            const code = e.target.value || null;
            update({ street: code });
            const place = places.find((s) => s.code === code);
            if (place) onZoom(place.bbox, place.kind === "street" ? place.code : undefined);
          }}
          data-testid="street-select"
        >
          {/* A street office's list is its one street: no "all streets" it could not see. */}
          {!(streets.length === 1 && districts.length === 0) && <option value={allValue}>{district ? fill(t.allStreetsOf, { district: name(district) }) : t.allStreets}</option>}
          {streetGroups.length > 1
            ? streetGroups.map((g) => (
                <optgroup key={g.district!.code} label={name(g.district!)}>
                  {g.streets.map((s) => (
                    <option key={s.code} value={s.code}>
                      {name(s)}
                    </option>
                  ))}
                </optgroup>
              ))
            : streetGroups.flatMap((g) => g.streets).map((s) => (
                <option key={s.code} value={s.code}>
                  {name(s)}
                </option>
              ))}
        </select>
      </label>
      <label className="select-row">
        {t.metricLabel}
        <select value={state.metric} onChange={(e) => update({ metric: e.target.value as CoverageMetricKey })} data-testid="metric-select">
          {COVERAGE_METRIC_KEYS.map((m) => (
            <option key={m} value={m}>
              {t.metrics[m]}
            </option>
          ))}
        </select>
      </label>
      <label className="select-row">
        {work.month}
        <select value={month} onChange={(e) => pickMonth(e.target.value)} data-testid="month-select">
          <option value="">{windowDays(state)}</option>
          {months.map((m) => (
            <option key={m} value={m}>
              {m}
              {m === current ? work.liveMonth : ""}
            </option>
          ))}
        </select>
      </label>
      {month && (
        <p className="muted" data-testid="month-status">
          {month === current ? fill(work.liveMonthStatus, { m: month }) : frozenAt ? fill(work.frozenAt, { d: frozenAt.slice(0, 10) }) : work.notFrozen}
          {pdfStreet && (
            <>
              {" · "}
              <a href={`/api/reports/monthly.pdf?month=${month}&street=${pdfStreet}`} download data-testid="monthly-pdf">
                {work.pdf}
              </a>
            </>
          )}
        </p>
      )}
      <div className="tabs" role="tablist">
        {(["communities", "grid-cells"] as const).map((l) => (
          <button key={l} type="button" role="tab" aria-selected={level === l} onClick={() => setLevel(l)}>
            {l === "communities" ? t.community : t.cell}
          </button>
        ))}
        <button type="button" className="link" onClick={exportCsv} disabled={!rows} data-testid="export-csv">
          {t.exportCsv}
        </button>
      </div>
      {/* Where the target comes from, in sight (not only on hover): one line when one target applies. */}
      {rows && rows.length > 0 && (
        <p className="muted" data-testid="target-source">
          {new Set(Object.values(targetsByDistrict).map((x) => JSON.stringify(x[state.metric] ?? null))).size > 1
            ? t.targetSourcesDiffer
            : areaTarget && fill(t.targetSourceLine, { t: targetPct(areaTarget.value ?? null), s: targetSource(areaTarget, t, districts.length > 1) ?? "" })}
        </p>
      )}
      {error ? (
        <p className="chart-empty" role="alert">{error}</p>
      ) : !rows ? (
        <p className="chart-empty">{t.loadingData}</p>
      ) : rows.length === 0 ? (
        <p className="chart-empty">{t.noUnits}</p>
      ) : (
        <table className="table" data-testid="coverage-table">
          <thead>
            <tr>
              <th>{level === "communities" ? t.community : t.cell}</th>
              <th>{t.metrics[state.metric]}</th>
              <th>{t.target}</th>
              <th>{t.gap}</th>
              {changes && <th>{work.change}</th>}
              {level === "grid-cells" && state.metric === "registration" && <th>{work.lists.unregistered}</th>}
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, 200).map((r) => {
              const m = r.metrics[state.metric];
              const below = (m.gap ?? 0) > 1e-12;
              return (
                <tr key={r.code} className={below ? "below" : undefined} onClick={() => r.bbox && onZoom(r.bbox, r.code)}>
                  <td title={`${locale === "zh" ? r.name_zh : r.name_en} · ${r.code}`}>
                    {compactPlaceName(locale === "zh" ? r.name_zh : r.name_en, locale)}
                    {districtOf && <small className="muted"> · {districtOf(r.code)}</small>}
                  </td>
                  <td>{pct(m.rate)}</td>
                  <td title={targetSource(targetsOf(r.code)?.[state.metric], t, districts.length > 1)}>{targetPct(m.target)}</td>
                  <td>{m.gap === null ? "–" : below ? `−${(m.gap * 100).toFixed(1)}` : "✓"}</td>
                  {changes && <td data-testid="change">{arrow(changes.get(r.code))}</td>}
                  {level === "grid-cells" && state.metric === "registration" && (
                    <td title={fill(work.toReach, { n: toRegister(m), t: targetPct(m.target) })}>
                      {below ? (
                        <button
                          type="button"
                          className="link"
                          onClick={(e) => {
                            e.stopPropagation();
                            setWorklist({ list: "unregistered", cell: r.code });
                          }}
                        >
                          {toRegister(m)}
                        </button>
                      ) : (
                        "–"
                      )}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <h2>{work.trend}</h2>
      <MonthlyTrend street={state.street} metric={state.metric} t={t} work={work} />
      <h2>{work.worklists}</h2>
      <Worklists street={state.street} cell={worklist.cell} list={worklist.list} onList={(list, cell) => setWorklist({ list, cell })} t={work} locale={locale} onBuilding={onBuilding} />
    </>
  );
}

