"use client";

import { useEffect, useState } from "react";
import type { Place } from "@/lib/boundaries/list-places";
import { toCsv } from "@/lib/csv/to-csv";
import { targetSource, type TargetSource } from "./target-source";
import { analysisQuery, COVERAGE_METRIC_KEYS, type CoverageMetricKey, type ViewState } from "@/lib/dashboard/view-state";
import type { Locale, Messages } from "@/lib/i18n/messages";
import type { Bounds } from "../map/district-map";
import { geometryBbox } from "./geometry-bbox";

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
  onZoom,
}: {
  state: ViewState;
  update: (s: Partial<ViewState>) => void;
  t: Messages["dashboard"];
  locale: Locale;
  places: Place[];
  onZoom: (bbox: Bounds) => void;
}) {
  const streets = places.filter((p) => p.kind === "street");
  const [level, setLevel] = useState<"communities" | "grid-cells">("communities");
  const [rows, setRows] = useState<UnitRow[] | null>(null);
  const [targets, setTargets] = useState<Record<string, TargetSource> | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    setRows(null);
    fetch(`/api/analytics/coverage?${analysisQuery(state, { unit: level })}`, { signal: controller.signal })
      .then((r) => r.json())
      .then((body: { features: { properties: Omit<UnitRow, "bbox">; geometry: GeoJSON.Geometry }[]; summary?: { targets?: Record<string, TargetSource> } }) => {
        setTargets(body.summary?.targets ?? null);
        setRows(
          body.features
            .map((f) => ({ ...f.properties, bbox: geometryBbox(f.geometry) }))
            .sort((a, b) => (b.metrics[state.metric].gap ?? -1) - (a.metrics[state.metric].gap ?? -1)),
        );
      })
      .catch(() => {});
    return () => controller.abort();
  }, [state, level]);
  const pct = (v: number | null) => (v === null ? "–" : `${(v * 100).toFixed(1)}%`);
  const exportCsv = () => {
    if (!rows) return;
    // Each target with the document it comes from, so the figures can be read on their own.
    const header = ["code", "name", ...COVERAGE_METRIC_KEYS.flatMap((m) => [`${m}_rate`, `${m}_target`, `${m}_gap`, `${m}_target_source`])];
    const body = rows.map((r) => [
      r.code,
      locale === "zh" ? r.name_zh : r.name_en,
      ...COVERAGE_METRIC_KEYS.flatMap((m) => [r.metrics[m].rate, r.metrics[m].target, r.metrics[m].gap, targetSource(targets?.[m], t) ?? ""]),
    ]);
    const blob = new Blob([toCsv(header, body)], { type: "text/csv;charset=utf-8" });
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = `coverage-${state.street ?? "district"}-${level}-${state.to}.csv`;
    link.click();
    URL.revokeObjectURL(link.href);
  };
  return (
    <>
      <label className="select-row">
        {t.street}
        <select
          value={state.street ?? ""}
          onChange={(e) => {
            const code = e.target.value || null;
            update({ street: code });
            const place = streets.find((s) => s.code === code);
            if (place) onZoom(place.bbox);
          }}
          data-testid="street-select"
        >
          <option value="">{t.allStreets}</option>
          {streets.map((s) => (
            <option key={s.code} value={s.code}>
              {locale === "zh" ? s.nameZh : s.nameEn}
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
      {!rows ? (
        <p className="chart-empty">{t.loadingOverlay}</p>
      ) : rows.length === 0 ? (
        <p className="chart-empty">{t.noData}</p>
      ) : (
        <table className="table" data-testid="coverage-table">
          <thead>
            <tr>
              <th>{level === "communities" ? t.community : t.cell}</th>
              <th>{t.metrics[state.metric]}</th>
              <th>{t.target}</th>
              <th>{t.gap}</th>
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, 200).map((r) => {
              const m = r.metrics[state.metric];
              const below = (m.gap ?? 0) > 1e-12;
              return (
                <tr key={r.code} className={below ? "below" : undefined} onClick={() => r.bbox && onZoom(r.bbox)}>
                  <td title={r.code}>{locale === "zh" ? r.name_zh : r.name_en}</td>
                  <td>{pct(m.rate)}</td>
                  <td title={targetSource(targets?.[state.metric], t)}>{pct(m.target)}</td>
                  <td>{m.gap === null ? "–" : below ? `−${(m.gap * 100).toFixed(1)}` : "✓"}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </>
  );
}
