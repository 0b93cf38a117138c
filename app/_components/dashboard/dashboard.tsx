"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { Place } from "@/lib/boundaries/list-places";
import { DistrictPicker } from "./district-picker";
import { districtOfCode } from "@/lib/auth/street-code";
import { OVERLAYS, windowDays, type Overlay, type ViewState } from "@/lib/dashboard/view-state";
import type { Locale, Messages } from "@/lib/i18n/messages";
import { BuildingsByStatus, CoverageByStreet, EventsPerWeek, SupervisedAreasPanel } from "./after-first-screen";
import { DistrictMap } from "../map/district-map";
import type { BasemapConfig, Bounds, PickedFeature } from "@/lib/map/map-types";
import type { Map as MapLibreMap } from "maplibre-gl";
import { exportMapImage } from "../map/export-map-image";
import { PlanHistory } from "../plan/plan-history";
import dynamic from "next/dynamic";
import { CommandPanel } from "./command-panel";
import { saveFile } from "../save-file";
import { CoveragePanel } from "./coverage-panel";
import { DetailsPanel } from "./details-panel";
import { FilterBar } from "./filter-bar";
import { LayerPanel } from "./layer-panel";
import { PlaceSearch } from "./place-search";
import { useOverlay } from "./use-overlay";
import { AlertsPanel } from "../command/alerts-panel";
import { CaseDialog } from "../command/case-dialog";
import { CasesPanel, NO_CASE_FILTERS, type CaseFilters } from "../command/cases-panel";
import { OpenAreaForm } from "../command/open-area-form";
import { AreaLegend } from "../command/area-legend";
import { useCommandData } from "../command/use-command-data";
import type { AlertRecord } from "@/lib/command/alerts";
import { geometryBbox } from "./geometry-bbox";
import { isCaseCategory } from "@/lib/vocabulary";
import type { Geometry } from "geojson";
import { useViewState } from "./use-view-state";
import { showPickedPoint } from "../map/picked-point";
import { FirstScreenProvider } from "./first-screen";

export type View = "overview" | "command" | "coverage" | "plan";

// The drawing tools (Terra Draw, Turf) load only on the plan view, for planners.
const PlanWorkspace = dynamic(() => import("../plan/plan-workspace").then((m) => m.PlanWorkspace), { ssr: false });

const VIEW_OVERLAYS: Record<View, readonly Overlay[]> = {
  overview: OVERLAYS,
  command: ["hotspots", "emerging", "density"],
  coverage: ["coverage", "none"],
  plan: ["none", "density"],
};

/**
 * A role view: the district map with its layers and overlay, and a side panel of filters,
 * charts and tables, all following one filter state that lives in the URL.
 */
export function Dashboard({
  view,
  locale,
  t,
  bounds,
  basemap,
  defaults,
  places,
  intro,
  canEditPlans = false,
  canRecordChecks = false,
  canCommand = false,
  canReadAlerts = false,
}: {
  view: View;
  locale: Locale;
  t: Messages;
  bounds: Bounds | null;
  basemap: BasemapConfig;
  defaults: ViewState;
  places: Place[];
  intro?: React.ReactNode;
  /** Planners get the drawing workspace on the plan view; others its read-only history. */
  canEditPlans?: boolean;
  /** Street offices record building checks from a building's card. */
  canRecordChecks?: boolean;
  /** The command centre: supervised areas, acceptance, the alert check. */
  canCommand?: boolean;
  /** Commanders, admins and street offices receive alerts (planners do not). */
  canReadAlerts?: boolean;
}) {
  const [state, update, renderedQuery] = useViewState(defaults);
  const [opacity, setOpacity] = useState(1);
  const [picked, setPicked] = useState<PickedFeature | null>(null);
  const [focus, setFocus] = useState<Bounds | null>(null);
  const [viewport, setViewport] = useState<Bounds | null>(null);
  const { overlay, raw, status, error } = useOverlay(state);
  const [map, setMap] = useState<MapLibreMap | null>(null);
  const [drawingActive, setDrawingActive] = useState(false);
  const d = t.dashboard;
  const tileQuery = useMemo(() => {
    const q = new URLSearchParams({ from: `${state.from}T00:00:00+08:00`, to: `${state.to}T00:00:00+08:00` });
    if (state.categories.length < 7) q.set("categories", state.categories.join(","));
    return q.toString();
  }, [state.from, state.to, state.categories]);
  const [highlight, setHighlight] = useState<string | null>(null);
  // Fly to an area; outline it when it is a street, community or cell (by code).
  const zoomTo = useCallback((bbox: Bounds, code: string | null = null) => {
    setFocus([...bbox] as Bounds);
    setHighlight(code);
  }, []);
  // A work-list row: fly to the building, ring it, and open its card.
  const [buildingAt, setBuildingAt] = useState<{ code: string; at: [number, number] } | null>(null);
  const openBuilding = useCallback(
    (code: string, [lon, lat]: [number, number]) => {
      zoomTo([lon - 0.0015, lat - 0.0012, lon + 0.0015, lat + 0.0012]);
      setBuildingAt({ code, at: [lon, lat] });
      setPicked({ layer: "rental-buildings-points", properties: { code } });
    },
    [zoomTo],
  );
  // The ring stays while that building's card is open.
  const ringed = buildingAt && picked?.layer === "rental-buildings-points" && picked.properties.code === buildingAt.code ? buildingAt.at : null;
  useEffect(() => {
    if (map) showPickedPoint(map, ringed);
  }, [map, ringed]);
  const selectStreet = useCallback(
    (code: string) => {
      update({ street: code });
      const place = places.find((p) => p.code === code);
      if (place) zoomTo(place.bbox, place.code);
    },
    [places, update, zoomTo],
  );

  // The districts in sight: a picker, and district names in lists, once there are several.
  const districts = useMemo(() => places.filter((p) => p.kind === "district"), [places]);
  // A district found by search becomes the chosen district, as if picked above.
  const foundPlace = useCallback(
    (bbox: Bounds, code: string) => {
      if (districts.length > 1 && districts.some((p) => p.code === code)) update({ street: code });
      zoomTo(bbox, code);
    },
    [districts, update, zoomTo],
  );
  const shownStreet = state.street ? places.find((p) => p.code === state.street) : undefined;
  // While the whole city is in sight, lists name each row's district (the same names recur in
  // each); null when one district or street is chosen, or there is only one.
  const districtOf = useMemo(() => {
    if (districts.length < 2 || state.street) return null;
    return (code: string) => {
      const found = districts.find((p) => p.code === districtOfCode(code));
      return found ? (locale === "zh" ? found.nameZh : found.nameEn) : "";
    };
  }, [districts, state.street, locale]);
  // The Command view's cases, supervised areas and alerts.
  // What is below the map's data waits for its first screen (see first-screen.tsx); should the map
  // never settle (an overlay that fails, a tile that never comes), the panels load after 8 s anyway.
  const [firstScreen, setFirstScreen] = useState(false);
  const [waitedLongEnough, setWaitedLongEnough] = useState(false);
  const firstScreenPainted = useCallback(() => setFirstScreen(true), []);
  useEffect(() => {
    const timer = setTimeout(() => setWaitedLongEnough(true), 8000);
    return () => clearTimeout(timer);
  }, []);
  const panelsMayLoad = firstScreen || waitedLongEnough;
  const command = useCommandData(view === "command", map, panelsMayLoad);
  const [openCase, setOpenCase] = useState<number | null>(null);
  const [caseFilters, setCaseFilters] = useState<CaseFilters>(NO_CASE_FILTERS);
  const openCell = useCallback(
    async (code: string) => {
      const response = await fetch(`/api/grid-cells/${code}`).catch(() => null);
      if (!response?.ok) return;
      const cell = (await response.json()) as { code: string; name_zh: string; name_en: string; geometry: Geometry };
      const bbox = geometryBbox(cell.geometry);
      if (bbox) zoomTo(bbox, code);
      setPicked({ layer: "overlay-fill", properties: { code, name_zh: cell.name_zh, name_en: cell.name_en } });
    },
    [zoomTo],
  );
  const zoomToArea = useCallback(
    (id: number) => {
      const area = command.areas?.features.find((f) => f.properties.id === id);
      const bbox = area && geometryBbox(area.geometry);
      if (bbox) zoomTo(bbox);
    },
    [command.areas, zoomTo],
  );
  const showAlert = useCallback(
    (alert: AlertRecord) => {
      // Following an alert is a new errand: a case left open would sit over the place it shows.
      setOpenCase(null);
      const q = new URL(alert.link, window.location.origin).searchParams;
      if (alert.grid_cell_code && alert.category) {
        // The alert's analysis: grid cells, whatever unit the map had.
        update({ overlay: "emerging", density: "cells", from: q.get("from") ?? state.from, to: q.get("to") ?? state.to, categories: [alert.category] });
        void openCell(alert.grid_cell_code);
      } else if (alert.area_id !== null) {
        zoomToArea(alert.area_id);
      } else {
        if (alert.street_code) selectStreet(alert.street_code);
        setCaseFilters({ ...NO_CASE_FILTERS, overdue: true });
        document.querySelector('[data-testid="cases-panel"]')?.scrollIntoView({ block: "start" });
      }
    },
    [update, state.from, state.to, openCell, zoomToArea, selectStreet],
  );
  // An alert's link opened on its own: the cell, area or overdue cases it names.
  const linked = useRef(false);
  useEffect(() => {
    if (view !== "command" || linked.current) return;
    const q = new URLSearchParams(window.location.search);
    const cell = q.get("cell");
    const area = q.get("area");
    if (cell && /^\d{15}$/.test(cell)) void openCell(cell);
    if (q.get("cases") === "overdue") setCaseFilters({ ...NO_CASE_FILTERS, overdue: true });
    if (area && !command.areas) return; // wait for the areas to zoom to one
    if (area) zoomToArea(Number(area));
    linked.current = true;
  }, [view, openCell, zoomToArea, command.areas]);

  // A shared link with a street opens zoomed to that street.
  const opened = useRef(false);
  useEffect(() => {
    if (opened.current) return;
    opened.current = true;
    const place = state.street ? places.find((p) => p.code === state.street) : undefined;
    if (place) zoomTo(place.bbox);
  }, [state.street, places, zoomTo]);

  return (
    <FirstScreenProvider value={panelsMayLoad}>
    <div className="map-page" data-view={view} data-rendered-query={renderedQuery} data-first-screen={firstScreen}>
      <DistrictMap
        locale={locale}
        t={t}
        bounds={bounds}
        basemap={basemap}
        layers={state.layers}
        opacity={opacity}
        tileQuery={tileQuery}
        overlay={overlay}
        focus={focus}
        highlight={highlight}
        onPick={drawingActive ? undefined : setPicked}
        onMap={setMap}
        onViewport={view === "overview" ? setViewport : undefined}
        legendExtras={view === "command" && command.areas?.features.length ? <AreaLegend t={t.command} /> : undefined}
        overlayLoading={status === "loading"}
        onFirstScreen={firstScreenPainted}
      />
      <section className="panel" data-testid="side-panel" data-map-cover>
        {intro}
        <DistrictPicker state={state} update={update} places={places} t={d} locale={locale} onZoom={zoomTo} />
        <PlaceSearch places={places} t={d} locale={locale} onFound={foundPlace} />
        <button
          type="button"
          className="link-button export-image"
          disabled={!map}
          data-testid="export-image"
          onClick={async () => {
            if (!map) return;
            const title = `${t.productName} · ${t.nav[view]}`;
            const blob = await exportMapImage(map, title, `${windowDays(state)} · ${new Date().toLocaleString(locale === "zh" ? "zh-CN" : "en")}`, document.querySelector('[data-testid="legend"]'));
            saveFile(blob, `grid-atlas-${view}-${new Date().toISOString().slice(0, 10)}.png`);
          }}
        >
          {d.exportImage}
        </button>
        <FilterBar state={state} update={update} t={d} />
        <LayerPanel
          state={state}
          update={update}
          t={d}
          opacity={opacity}
          setOpacity={setOpacity}
          overlays={VIEW_OVERLAYS[view]}
          status={status}
          error={error}
        />
        {view === "overview" && (
          <>
            <h2>
              {d.eventsPerWeek} <small className="muted">{d.inView}</small>
            </h2>
            <EventsPerWeek state={state} t={d} bbox={viewport} />
            <h2>{d.coverageByStreet}</h2>
            <CoverageByStreet state={state} t={d} locale={locale} metric="registration" onStreet={selectStreet} />
            <h2>{d.buildingsByStatus}</h2>
            <BuildingsByStatus street={state.street} t={d} work={t.work} locale={locale} />
          </>
        )}
        {view === "plan" &&
          (canEditPlans ? (
            <PlanWorkspace map={map} t={t.plan} locale={locale} picked={picked} onDrawingChange={setDrawingActive} />
          ) : (
            <section className="plan-workspace">
              <p className="muted">{t.plan.readOnly}</p>
              <PlanHistory map={map} t={t.plan} editing={null} />
            </section>
          ))}
        {view === "command" && (
          <>
            {canReadAlerts && <AlertsPanel t={t.command} d={d} locale={locale} canRun={canCommand} onShow={showAlert} />}
            <CommandPanel
              state={state}
              raw={raw}
              status={status}
              t={d}
              locale={locale}
              onZoom={zoomTo}
              onPick={(properties) => setPicked({ layer: "overlay-fill", properties })}
              c={t.command}
              placeName={shownStreet ? (locale === "zh" ? shownStreet.nameZh : shownStreet.nameEn) : null}
              districtOf={districtOf}
            />
            <CasesPanel
              state={state}
              filters={caseFilters}
              setFilters={setCaseFilters}
              departments={command.departments}
              version={command.casesVersion}
              t={t.command}
              d={d}
              locale={locale}
              onOpen={setOpenCase}
            />
            <SupervisedAreasPanel areas={command.areas} canAccept={canCommand} t={t.command} d={d} locale={locale} onZoom={zoomToArea} onChanged={command.reloadAreas} />
          </>
        )}
        {view === "coverage" && (
          <>
            <CoveragePanel state={state} update={update} t={d} locale={locale} places={places} districtOf={districtOf} onZoom={zoomTo} work={t.work} onBuilding={openBuilding} />
            <h2>{d.buildingsByStatus}</h2>
            <BuildingsByStatus street={state.street} t={d} work={t.work} locale={locale} />
          </>
        )}
      </section>
      {picked && (
        <DetailsPanel
          picked={picked}
          state={state}
          t={d}
          work={t.work}
          locale={locale}
          canRecordChecks={canRecordChecks}
          onClose={() => setPicked(null)}
          onOpenEvent={view === "command" ? setOpenCase : undefined}
          cellActions={
            view === "command" && canCommand
              ? (cell) => (
                  <OpenAreaForm
                    key={cell.code}
                    cell={cell.code}
                    cellName={cell.name}
                    defaultCategory={state.categories.find(isCaseCategory) ?? "stall_violation"}
                    departments={command.departments}
                    t={t.command}
                    d={d}
                    locale={locale}
                    onOpened={command.reloadAreas}
                  />
                )
              : undefined
          }
        />
      )}
      {openCase !== null && (
        <CaseDialog key={openCase} id={openCase} canSetDeadline={canCommand} departments={command.departments} t={t.command} d={d} locale={locale} onChanged={command.reloadCases} onClose={() => setOpenCase(null)} />
      )}
    </div>
    </FirstScreenProvider>
  );
}
