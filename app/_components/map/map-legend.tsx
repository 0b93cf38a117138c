import { fill } from "@/lib/i18n/fill";
import type { Locale, Messages } from "@/lib/i18n/messages";
import type { MapLayer } from "@/lib/dashboard/view-state";
import { BOUNDARY_COLOURS } from "./boundary-layers";
import {
  BUILDING_COLOURS,
  CATEGORY_COLOURS,
  EMERGING_COLOURS,
  GEOMETRY_PROBLEM_COLOUR,
  GUIDANCE_COLOUR,
  HOTSPOT_COLOURS,
  POI_SYMBOLS,
  RENTAL_STATUS_RING,
  VIRIDIS,
  ZONE_COLOUR,
} from "./data-layers";
import type { OverlayData } from "@/lib/map/map-types";
import { COVERAGE_CLASSES } from "@/lib/map/coverage-classes";
import { FOOTPRINT_COLOURS } from "./footprint-layers";
import { ROAD_COLOURS } from "./road-layers";

/** A legend for every visible layer and the overlay, with real numbers and units. */
export function MapLegend({
  t,
  locale,
  layers,
  overlay,
  extras,
}: {
  t: Messages;
  locale: Locale;
  layers: MapLayer[];
  overlay: OverlayData | null;
  /** Entries for layers a view adds itself (the Command view's supervised areas). */
  extras?: React.ReactNode;
}) {
  const d = t.dashboard;
  const number = new Intl.NumberFormat(locale === "zh" ? "zh-CN" : "en", { maximumFractionDigits: 0 });
  const lines = [
    { label: t.map.streets, colour: BOUNDARY_COLOURS.street, width: 3, dashed: false },
    { label: t.map.communities, colour: BOUNDARY_COLOURS.community, width: 1.6, dashed: true },
    { label: t.map.gridCells, colour: BOUNDARY_COLOURS.cell, width: 1, dashed: false },
  ];
  return (
    <aside className="legend" aria-label={t.map.legendTitle} data-testid="legend" data-map-cover>
      <h2>{t.map.legendTitle}</h2>
      {overlay && <OverlayLegend t={t} overlay={overlay} format={(v) => number.format(v)} />}
      <ul>
        {extras}
        {layers.includes("no-stall-zones") && <Swatch colour={ZONE_COLOUR} label={locale === "zh" ? `${d.layerNames["no-stall-zones"]}（${d.publication.active}）` : `${d.layerNames["no-stall-zones"]} (${d.publication.active})`} shape="area" />}
        {layers.includes("no-stall-zones") && (
          <li data-testid="legend-zone-dashed">
            <svg width="28" height="16" aria-hidden="true">
              <rect x="2" y="2" width="24" height="12" fill={ZONE_COLOUR} fillOpacity={0.05} stroke={ZONE_COLOUR} strokeWidth={1.2} strokeDasharray="3 3" />
            </svg>
            {fill(d.zoneDashed, { draft: d.publication.draft, retired: d.publication.retired })}
          </li>
        )}
        {layers.includes("guidance-points") && <Swatch colour={GUIDANCE_COLOUR} label={d.layerNames["guidance-points"]} shape="dot" />}
        {layers.includes("pois") &&
          Object.entries(POI_SYMBOLS).map(([category, symbol]) => (
            <li key={category} data-testid={`legend-poi-${category}`}>
              <svg width="28" height="16" aria-hidden="true">
                <circle cx="14" cy="8" r="7.5" fill={symbol.colour} stroke="#fff" />
                <text x="14" y="11.5" textAnchor="middle" fontSize="10" fill="#fff">
                  {symbol.mark}
                </text>
              </svg>
              {d.poiCategories[category as keyof typeof d.poiCategories]}
            </li>
          ))}
        {layers.includes("rental-buildings") &&
          (["registered", "unregistered", "deregistered"] as const).map((s) => (
            <Swatch key={s} colour={BUILDING_COLOURS[s]} label={`${d.layerNames["rental-buildings"]}: ${d.statuses[s]}`} shape="dot" />
          ))}
        {layers.includes("rental-buildings") &&
          (["allowed", "barred", "suspended"] as const).map((s) => (
            <li key={s} data-testid={`legend-rental-${s}`}>
              <svg width="28" height="16" aria-hidden="true">
                <circle cx="14" cy="8" r="5" fill="#bbbbbb" stroke={RENTAL_STATUS_RING[s]} strokeWidth={2.2} />
              </svg>
              {t.work.rentalStatus[s]}
              {s === "barred" ? "（①②③）" : s === "suspended" ? "（⑤）" : ""}
            </li>
          ))}
        {layers.includes("events") &&
          Object.entries(CATEGORY_COLOURS).map(([c, colour]) => (
            <Swatch key={c} colour={colour} label={d.categories[c as keyof typeof d.categories]} shape="dot" />
          ))}
        <li>
          <svg width="28" height="10" aria-hidden="true">
            <line x1="1" y1="5" x2="27" y2="5" stroke={ROAD_COLOURS.casing} strokeWidth={5} />
            <line x1="1" y1="5" x2="27" y2="5" stroke={ROAD_COLOURS.arterial} strokeWidth={3} />
          </svg>
          {t.map.roads}
        </li>
        <Swatch colour={FOOTPRINT_COLOURS.registered} label={t.map.footprintsRegistered} shape="area" />
        <Swatch colour={FOOTPRINT_COLOURS.plain} label={t.map.footprintsPlain} shape="area" />
        {lines.map((item) => (
          <li key={item.label}>
            <svg width="28" height="10" aria-hidden="true">
              <line x1="1" y1="5" x2="27" y2="5" stroke={item.colour} strokeWidth={item.width} strokeDasharray={item.dashed ? "4 3" : undefined} />
            </svg>
            {item.label}
          </li>
        ))}
      </ul>
      {(layers.includes("events") || layers.includes("rental-buildings")) && <p className="legend-hint">{d.aggregated}</p>}
      <p className="legend-hint">{t.map.zoomHint}</p>
    </aside>
  );
}

function OverlayLegend({ t, overlay, format }: { t: Messages; overlay: OverlayData; format: (v: number) => string }) {
  const d = t.dashboard;
  if (overlay.kind === "hotspots") {
    const labels = [d.hotspotLegend.hot99, d.hotspotLegend.hot95, d.hotspotLegend.hot90, d.hotspotLegend.none, d.hotspotLegend.cold90, d.hotspotLegend.cold95, d.hotspotLegend.cold99];
    return (
      <div className="legend-block" data-testid="legend-hotspots">
        <h3>{d.overlays.hotspots}</h3>
        <ul>{HOTSPOT_COLOURS.map(([bin, colour], i) => <Swatch key={bin} colour={colour} label={labels[i]!} shape="area" />)}</ul>
        <p className="legend-hint">{d.hotspotLegend.method}</p>
      </div>
    );
  }
  if (overlay.kind === "emerging") {
    const present = new Set(overlay.collection.features.map((f) => String(f.properties?.category)));
    return (
      <div className="legend-block" data-testid="legend-emerging">
        <h3>{d.overlays.emerging}</h3>
        <ul>
          {Object.entries(EMERGING_COLOURS)
            .filter(([c]) => present.has(c) && c !== "no_pattern")
            .map(([c, colour]) => <Swatch key={c} colour={colour} label={d.emerging[c as keyof typeof d.emerging]} shape="area" />)}
        </ul>
      </div>
    );
  }
  if (overlay.kind === "coverage") {
    // The same class names as the monthly report, so the map and the PDF read alike.
    const labels = t.report.classes;
    return (
      <div className="legend-block" data-testid="legend-coverage">
        <h3>{d.overlays.coverage}</h3>
        <ul>
          {COVERAGE_CLASSES.map((c) => <Swatch key={c.label} colour={c.colour} label={labels[c.label]} shape="area" />)}
          <Swatch colour={GEOMETRY_PROBLEM_COLOUR} label={d.geometryProblems} shape="area" />
        </ul>
      </div>
    );
  }
  const stops = overlay.densityStops;
  return (
    <div className="legend-block" data-testid="legend-density">
      <h3>{d.overlays.density} ({d.densityLegend})</h3>
      <div className="ramp" style={{ background: `linear-gradient(to right, ${VIRIDIS.join(", ")})` }} />
      <div className="ramp-labels">{stops.filter((_, i) => i % 2 === 0).map((v, i) => <span key={i}>{format(v)}</span>)}</div>
      <p className="legend-hint">{t.dashboard.densityStopsNote}</p>
    </div>
  );
}

function Swatch({ colour, label, shape }: { colour: string; label: string; shape: "dot" | "area" }) {
  return (
    <li>
      <svg width="28" height="12" aria-hidden="true">
        {shape === "dot" ? <circle cx="14" cy="6" r="4.5" fill={colour} stroke="#fff" /> : <rect x="3" y="1" width="22" height="10" fill={colour} stroke="#888" strokeWidth="0.5" />}
      </svg>
      {label}
    </li>
  );
}
