"use client";

import type { ViewState } from "@/lib/dashboard/view-state";
import type { Locale, Messages } from "@/lib/i18n/messages";
import { EventsPerWeek } from "../charts/events-per-week";
import { BuildingCard } from "./building-card";
import type { PickedFeature } from "../map/district-map";

const HIDDEN = new Set(["id", "name_zh", "name_en"]);

/** What was clicked: a cell's statistics and trend, a building's status, a zone's rule and version. */
export function DetailsPanel({
  picked,
  state,
  t,
  work,
  locale,
  canRecordChecks,
  onClose,
}: {
  picked: PickedFeature;
  state: ViewState;
  t: Messages["dashboard"];
  work: Messages["work"];
  locale: Locale;
  canRecordChecks: boolean;
  onClose: () => void;
}) {
  const p = picked.properties;
  // A single building (not an aggregate bubble) opens as the street office's working card.
  const building = layerName(picked.layer) === "rental-buildings" && typeof p.code === "string" && p.count === undefined ? p.code : null;
  const title =
    picked.layer === "overlay-fill"
      ? String((locale === "zh" ? p.name_zh : p.name_en) ?? p.code)
      : String(p.name ?? p.code ?? t.layerNames[layerName(picked.layer)] ?? picked.layer);
  const format = (k: string, v: unknown) => {
    if (typeof v === "number") return Math.abs(v) < 1 && v !== 0 && k !== "count" ? v.toPrecision(3) : String(Math.round(v * 1000) / 1000);
    if (k === "category" && typeof v === "string") return (t.categories as Record<string, string>)[v] ?? (t.emerging as Record<string, string>)[v] ?? v;
    if (k === "registration_status" && typeof v === "string") return (t.statuses as Record<string, string>)[v] ?? v;
    return String(v);
  };
  const isCell = picked.layer === "overlay-fill" && typeof p.code === "string" && /^\d{15}$/.test(p.code);
  return (
    <aside className="details" role="dialog" aria-label={t.details} data-testid="details-panel">
      <header>
        <h2>{title}</h2>
        <button type="button" onClick={onClose} aria-label={t.close}>×</button>
      </header>
      <p className="details-kind">{t.layerNames[layerName(picked.layer)] ?? ""}</p>
      {building ? (
        <BuildingCard code={building} t={work} statuses={t.statuses} locale={locale} canRecord={canRecordChecks} />
      ) : (
      <dl>
        {Object.entries(p)
          .filter(([k, v]) => !HIDDEN.has(k) && v !== "" && v !== null && v !== undefined)
          .map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{format(k, v)}</dd>
            </div>
          ))}
      </dl>
      )}
      {isCell && (
        <>
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
