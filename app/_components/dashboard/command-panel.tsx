"use client";

import type { FeatureCollection } from "geojson";
import { lastDay, windowDays, type ViewState } from "@/lib/dashboard/view-state";
import { fill } from "@/lib/i18n/fill";
import { compactPlaceName } from "@/lib/i18n/place-name";
import type { Locale, Messages } from "@/lib/i18n/messages";
import { EventsPerWeek } from "./after-first-screen";
import type { Bounds } from "@/lib/map/map-types";
import { geometryBbox } from "./geometry-bbox";
import { hotspotCsv, type HotspotRow } from "@/lib/dashboard/hotspot-csv";
import type { OverlayStatus } from "./use-overlay";
import { saveFile } from "../save-file";
import { HotspotPrintSheet } from "../command/hotspot-print-sheet";

/** The exported list's file name, in the reader's language. */
const FILE_NAMES = {
  zh: { hotspots: "热点清单", emerging: "时空热点清单", district: "全区", city: "全市" },
  en: { hotspots: "hot-spots", emerging: "emerging-hot-spots", district: "district", city: "city" },
} as const;

/** Top-10 hot-spot cells (z, p, count) with one click to zoom, the method summary and the trend. */
export function CommandPanel({
  state,
  raw,
  status,
  t,
  locale,
  onZoom,
  onPick,
  c,
  placeName,
  districtOf,
}: {
  state: ViewState;
  raw: (FeatureCollection & { summary?: Record<string, unknown> }) | null;
  /** The overlay's analysis: loading (raw may still be the previous window's), ready, or refused. */
  status: OverlayStatus;
  t: Messages["dashboard"];
  locale: Locale;
  onZoom: (bbox: Bounds, code?: string) => void;
  /** Open the cell's panel too, as a click on the map would. */
  onPick?: (properties: Record<string, unknown>) => void;
  c: Messages["command"];
  /** The street shown, or null for the whole district (for the printed list's title). */
  placeName: string | null;
  /** The name of the district a cell lies in, while the whole city (several districts) is in sight; else null. */
  districtOf: ((code: string) => string) | null;
}) {
  const wholeCity = districtOf !== null;
  const number = new Intl.NumberFormat(locale === "zh" ? "zh-CN" : "en", { maximumFractionDigits: 2 });
  // z-scores to two places, as the printed list gives them.
  const zScore = new Intl.NumberFormat(locale === "zh" ? "zh-CN" : "en", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const top =
    state.overlay === "hotspots" && raw
      ? raw.features
          .filter((f) => Number(f.properties?.gi_bin) > 0)
          .sort((a, b) => Number(b.properties?.gi_z) - Number(a.properties?.gi_z))
          .slice(0, 10)
      : state.overlay === "emerging" && raw
        ? raw.features
            .filter((f) => String(f.properties?.category).endsWith("_hot"))
            .sort((a, b) => Number(b.properties?.trend_z) - Number(a.properties?.trend_z))
            .slice(0, 10)
        : [];
  const summary = raw?.summary;
  // The list is of H3 hexagons when the analysis ran on them (the unit picked beside the overlay).
  const hexagons = summary?.unit === "h3";
  // Only a finished analysis of the window shown is exported (while loading, raw is the previous one).
  const listed = raw && status === "ready" && (state.overlay === "hotspots" || state.overlay === "emerging") ? state.overlay : null;
  const exportList = () => {
    if (!raw || !listed) return;
    const rows = raw.features.map((f) => f.properties as unknown as HotspotRow);
    const names = FILE_NAMES[locale];
    const csv = hotspotCsv(listed, rows, windowDays(state), t, locale);
    saveFile(new Blob([csv], { type: "text/csv;charset=utf-8" }), `${names[listed]}-${state.street ?? (wholeCity ? names.city : names.district)}-${state.from}-${lastDay(state)}.csv`);
  };
  return (
    <>
      {summary && state.overlay === "hotspots" && (
        <p className="method" data-testid="hotspot-summary">
          {t.hotspotLegend.method} · {t.hotspotLegend.alpha} {String(summary.alpha)} · {t.hotspotLegend.hot99.split(" ")[0]} {String(summary.hot)} · {t.hotspotLegend.cold99.split(" ")[0]} {String(summary.cold)}
        </p>
      )}
      <h2>{state.overlay === "emerging" ? (hexagons ? t.topEmergingHex : t.topEmerging) : hexagons ? t.topHotspotsHex : t.topHotspots}</h2>
      {top.length === 0 ? (
        <p className="chart-empty">
          {state.overlay !== "hotspots" && state.overlay !== "emerging"
            ? t.topHotspotsElsewhere
            : status === "error"
              ? t.analysisRefused
              : raw
                ? t.noHotspots
                : t.loadingOverlay}
        </p>
      ) : (
        <table className="table" data-testid="top-hotspots">
          <thead>
            <tr>
              <th>{hexagons ? t.hexagon : t.cell}</th>
              <th>{t.count}</th>
              <th>{state.overlay === "hotspots" ? t.z : t.trend}</th>
              <th>{state.overlay === "hotspots" ? t.p : t.trendZ}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {top.map((f) => {
              const p = f.properties as Record<string, number | string>;
              const bbox = geometryBbox(f.geometry);
              return (
                <tr key={String(p.code)}>
                  <td title={`${String(locale === "zh" ? p.name_zh : p.name_en)} · ${String(p.code)}`}>
                    {compactPlaceName(String(locale === "zh" ? p.name_zh : p.name_en), locale)}
                    {/* On its own line: the name column is narrow. */}
                    {districtOf && !hexagons && (
                      <>
                        <br />
                        <small className="muted">{districtOf(String(p.code))}</small>
                      </>
                    )}
                  </td>
                  <td>{number.format(Number(p.count))}</td>
                  <td>{state.overlay === "hotspots" ? zScore.format(Number(p.gi_z)) : t.emerging[p.category as keyof typeof t.emerging]}</td>
                  {state.overlay === "hotspots" ? (
                    <td title={fill(t.pHover, { p: Number(p.gi_p_fdr).toExponential(2) })}>{significance(Number(p.gi_p_fdr), t)}</td>
                  ) : (
                    <td>{zScore.format(Number(p.trend_z))}</td>
                  )}
                  <td>
                    <button
                      type="button"
                      className="link"
                      onClick={() => {
                        if (bbox) onZoom(bbox, String(p.code));
                        onPick?.(p);
                      }}
                      data-testid="zoom-to-hotspot"
                    >
                      {t.zoomTo}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {state.overlay === "hotspots" && top.some((f) => Number(f.properties?.count) === 0) && (
        <p className="muted" data-testid="zero-count-hot">
          {t.zeroCountHot}
        </p>
      )}
      {listed && raw && (
        <p className="list-actions">
          <button type="button" className="link" onClick={exportList} data-testid="export-hotspots">
            {t.exportHotspots}
          </button>{" "}
          <button type="button" className="link" onClick={() => window.print()} data-testid="print-hotspots">
            {c.printHotspots}
          </button>
          <HotspotPrintSheet kind={listed} features={raw.features} place={placeName ?? (wholeCity ? FILE_NAMES[locale].city : c.district)} from={state.from} to={lastDay(state)} t={c} d={t} locale={locale} />
        </p>
      )}
      <h2>{t.eventsPerWeek}</h2>
      <EventsPerWeek state={state} t={t} />
    </>
  );
}

/** A p-value as a district office reads it: significant at 99 / 95 / 90 %, or not (the number on hover). */
function significance(p: number, t: Messages["dashboard"]): string {
  const level = p < 0.01 ? 99 : p < 0.05 ? 95 : p < 0.1 ? 90 : null;
  return level === null ? t.notSignificant : fill(t.significant, { level });
}
