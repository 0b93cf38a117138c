"use client";

import type { ViewState } from "@/lib/dashboard/view-state";
import type { Locale, Messages } from "@/lib/i18n/messages";
import { EventsPerWeek } from "./after-first-screen";
import { BuildingCard } from "./building-card";
import { CellSummary } from "./cell-summary";
import { hotspotClass } from "@/lib/dashboard/hotspot-csv";
import { fill } from "@/lib/i18n/fill";
import type { PickedFeature } from "@/lib/map/map-types";
import { usePanelFocus } from "../use-panel-focus";

/** Internal values no one reads: ids, the other language's name, raw p-values (shown as significance). */
const HIDDEN = new Set(["id", "name_zh", "name_en", "gi_p", "gi_sig", "feature_id", "kind"]);

/** What was clicked: a cell's statistics and trend, a building's status, a zone's rule and version. */
export function DetailsPanel({
  picked,
  state,
  t,
  work,
  locale,
  canRecordChecks,
  onClose,
  onOpenEvent,
  cellActions,
}: {
  picked: PickedFeature;
  state: ViewState;
  t: Messages["dashboard"];
  work: Messages["work"];
  locale: Locale;
  canRecordChecks: boolean;
  onClose: () => void;
  /** Open one of the cell's events as a case (the Command view). */
  onOpenEvent?: (id: number) => void;
  /** What may be done about a cell here (the Command view: put it under supervision). */
  cellActions?: (cell: { code: string; name: string }) => React.ReactNode;
}) {
  const p = picked.properties;
  const { panel } = usePanelFocus<HTMLElement>(onClose, `${picked.layer}:${String(p.code ?? p.id ?? "")}`);
  // A single building (not an aggregate bubble) opens as the street office's working card.
  const building = layerName(picked.layer) === "rental-buildings" && typeof p.code === "string" && p.count === undefined ? p.code : null;
  // An H3 index (15 hex digits, the second one its resolution) is a code, not a name to title with.
  const hexagon = typeof p.code === "string" && /^8[0-9a-f]{14}$/.test(p.code) ? parseInt(p.code[1]!, 16) : null;
  const title = building
    ? work.building
    : picked.layer === "overlay-fill"
      ? hexagon !== null
        ? // A hexagon is named by its street when the analysis named it; its level is in the kind line.
          String((locale === "zh" ? p.name_zh : p.name_en) ?? "") !== p.code && (p.name_zh ?? p.name_en)
          ? String(locale === "zh" ? p.name_zh : p.name_en)
          : fill(t.hexagonTitle, { resolution: hexagon })
        : String((locale === "zh" ? p.name_zh : p.name_en) ?? p.code)
      : String(p.name ?? p.code ?? t.layerNames[layerName(picked.layer)] ?? picked.layer);
  const format = (k: string, v: unknown): { text: string; title?: string } => {
    const word = (table: Record<string, string>) => ({ text: typeof v === "string" ? (table[v] ?? v) : String(v) });
    if (typeof v === "boolean") return { text: v ? t.yes : t.no };
    if (k === "gi_p_fdr" && typeof v === "number") {
      const level = v < 0.01 ? 99 : v < 0.05 ? 95 : v < 0.1 ? 90 : null;
      return { text: level ? fill(t.significance, { level }) : t.notSignificant, title: `p = ${v.toPrecision(3)}` };
    }
    if (k === "gi_bin" && typeof v === "number") return { text: hotspotClass(v, t) };
    // A coverage cell's figures as the coverage table shows them: percentages, and the gap below
    // target in points (✓ when the target is met).
    if ((k === "rate" || k === "target") && typeof v === "number") return { text: `${(v * 100).toFixed(1)}%` };
    if (k === "gap" && typeof v === "number") return { text: v > 1e-12 ? `−${(v * 100).toFixed(1)}` : "✓" };
    if (typeof v === "number") return { text: Math.abs(v) < 1 && v !== 0 && k !== "count" ? v.toPrecision(3) : String(Math.round(v * 1000) / 1000) };
    if (k === "category") {
      const tables = [t.categories, t.zoneCategories, t.poiCategories, t.emerging] as Record<string, string>[];
      return { text: tables.map((x) => x[String(v)]).find(Boolean) ?? String(v) };
    }
    if (k === "registration_status") return word(t.statuses);
    if (k === "status") return word({ ...t.publication, ...t.eventStatuses });
    if (k === "source") return word(t.sources);
    if (k === "road_class") return word(t.roadClasses);
    if (k === "pattern") return word(t.emerging as Record<string, string>);
    return { text: String(v) };
  };
  const label = (k: string) => (t.fields as Record<string, string>)[k] ?? k;
  const isCell = picked.layer === "overlay-fill" && typeof p.code === "string" && /^\d{15}$/.test(p.code);
  return (
    <aside ref={panel} className="details" role="dialog" aria-label={t.details} data-testid="details-panel">
      <header>
        <h2>{title}</h2>
        <button type="button" onClick={onClose} aria-label={t.close}>×</button>
      </header>
      {!building && <p className="details-kind">{hexagon !== null ? fill(t.hexagonTitle, { resolution: hexagon }) : (t.layerNames[layerName(picked.layer)] ?? "")}</p>}
      {building ? (
        <BuildingCard code={building} t={work} statuses={t.statuses} locale={locale} canRecord={canRecordChecks} />
      ) : (
      <dl>
        {Object.entries(p)
          .filter(([k, v]) => !HIDDEN.has(k) && v !== "" && v !== null && v !== undefined)
          .map(([k, v]) => (
            <div key={k}>
              <dt>{label(k)}</dt>
              <dd title={format(k, v).title}>{format(k, v).text}</dd>
            </div>
          ))}
      </dl>
      )}
      {isCell && (
        <>
          {cellActions?.({ code: String(p.code), name: title })}
          <CellSummary code={String(p.code)} state={state} t={t} locale={locale} onOpenEvent={onOpenEvent} />
          <h3>{t.trend}</h3>
          <EventsPerWeek state={state} t={t} cell={String(p.code)} />
        </>
      )}
    </aside>
  );
}

function layerName(layerId: string): keyof Messages["dashboard"]["layerNames"] {
  return layerId.replace(/-(fill|line|circle|points|aggregated)$/, "") as keyof Messages["dashboard"]["layerNames"];
}
