"use client";

import type { Feature, FeatureCollection } from "geojson";
import type { GeoJSONSource, Map as MapLibreMap, MapGeoJSONFeature, StyleSpecification, VectorTileSource } from "maplibre-gl";
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import type { MapLayer } from "@/lib/dashboard/view-state";
import type { Locale, Messages } from "@/lib/i18n/messages";
import { BOUNDARY_SOURCES, boundaryLayers, HIGHLIGHT_LAYERS, highlightFilter } from "./boundary-layers";
import { GEOMETRY_PROBLEM_COLOUR, overlayFillColour, tileLayerStyles } from "./data-layers";
import { labelPoints } from "./label-points";
import { MapLegend } from "./map-legend";
import { FOOTPRINT_SOURCE, footprintLayers } from "./footprint-layers";
import { BASEMAP_SOURCE, pmtilesStyle } from "./pmtiles-basemap";
import { OFFLINE_STYLE } from "./offline-style";
import { ROAD_SOURCE, roadLabels, roadLines } from "./road-layers";
import { useMap } from "./use-map";
import { freeAreaPadding } from "./free-area";
import type { BasemapConfig, Bounds, OverlayData, PickedFeature } from "@/lib/map/map-types";
import { FIRST_SCREEN_BOUNDARIES, FIRST_SCREEN_MARK } from "@/lib/map/first-screen";

type LoadState = "loading" | "ready" | "error";

const OVERLAY_SOURCE = "analysis-overlay";
/** The one overlay unit under the pointer, outlined from its own small source (see the hover effect). */
const HOVER_SOURCE = "analysis-overlay-hover";
const NO_FEATURES: FeatureCollection = { type: "FeatureCollection", features: [] };
/** The feature-state flag of a grid cell that is one of a joined overlay's units. */
const ANALYSED = "analysed";
const INTERACTIVE_ORDER = [
  "guidance-points-circle",
  "pois-circle",
  "events-points",
  "rental-buildings-points",
  "no-stall-zones-fill",
  "overlay-fill",
];

/** One empty list, so a map without an overlay keeps the same layer-stack callback between renders. */
const NO_STOPS: number[] = [];

/**
 * The district map: boundaries with labels, vector-tile data layers, an analysis overlay, a
 * legend, hover and click. Used by every view; what it shows comes from props (the URL state).
 */
export function DistrictMap({
  locale,
  t,
  bounds,
  basemap,
  layers = [],
  opacity = 1,
  tileQuery = "",
  overlay = null,
  focus = null,
  highlight = null,
  onPick,
  onViewport,
  onMap,
  legendExtras,
  overlayLoading = false,
  onFirstScreen,
}: {
  locale: Locale;
  t: Messages;
  bounds: Bounds | null;
  basemap: BasemapConfig;
  layers?: MapLayer[];
  opacity?: number;
  tileQuery?: string;
  overlay?: OverlayData | null;
  focus?: Bounds | null;
  /** The code of a street, community or grid cell to outline. */
  highlight?: string | null;
  onPick?: (feature: PickedFeature | null) => void;
  /** Called with the visible extent after each move, for charts that follow the viewport. */
  onViewport?: (bbox: Bounds) => void;
  /** The map once its style has loaded (for the planner's drawing tools), null before. */
  onMap?: (map: MapLibreMap | null) => void;
  /** Legend entries for the view's own layers. */
  legendExtras?: React.ReactNode;
  /** The overlay's analysis is still on its way: the first screen is not painted before it is. */
  overlayLoading?: boolean;
  /** Called once, when the map has first painted its layers and the overlay (if any). */
  onFirstScreen?: () => void;
}) {
  const container = useRef<HTMLDivElement>(null);
  // (The PMTiles style needs the page's origin: on the server, where the map is never created,
  // the bundled style stands in.)
  const [style] = useState<string | StyleSpecification>(
    () => basemap.styleUrl ?? (basemap.pmtiles && typeof window !== "undefined" ? pmtilesStyle(basemap.pmtiles, locale) : OFFLINE_STYLE),
  );
  // The basemap style's own layers (a custom BASEMAP_STYLE_URL included), kept when the data layers are rebuilt.
  const styleLayers = useRef<Set<string> | null>(null);
  // With a real basemap under it, the street tint is kept light so roads and water show through.
  const overBasemap = Boolean(basemap.styleUrl || basemap.pmtiles || basemap.rasterTiles);
  const { map, isLoaded } = useMap(container, { style, bounds });
  const [state, setState] = useState<LoadState>("loading");
  const [attempt, setAttempt] = useState(0);
  // The layer stack has been built once: until then the map shows its loading state, so nobody
  // (user or test) sees an "idle" map that has no layers yet.
  const [built, setBuilt] = useState(false);

  // Optional raster basemap under everything else.
  useEffect(() => {
    if (!map || !isLoaded || !basemap.rasterTiles || map.getSource("basemap-raster")) return;
    map.addSource("basemap-raster", { type: "raster", tiles: [basemap.rasterTiles], tileSize: 256 });
    map.addLayer({ id: "basemap-raster", type: "raster", source: "basemap-raster" }, map.getStyle().layers[1]?.id);
  }, [map, isLoaded, basemap.rasterTiles]);

  // Boundaries: streets and communities (small) as GeoJSON, fetched once per attempt — from the
  // first render, while the map is still starting, not after its load event: the first screen
  // waits on them — and grid cells (10,000+ at city scale) as vector tiles.
  const [boundaries, setBoundaries] = useState<{ streets: FeatureCollection; communities: FeatureCollection } | "error" | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    setBoundaries(null);
    const load = async (url: string) => {
      const response = await fetch(url, { signal: controller.signal });
      if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
      return (await response.json()) as FeatureCollection;
    };
    Promise.all([load(FIRST_SCREEN_BOUNDARIES.streets), load(FIRST_SCREEN_BOUNDARIES.communities)])
      .then(([streets, communities]) => setBoundaries({ streets, communities }))
      .catch((error: Error) => {
        if (error.name !== "AbortError") setBoundaries("error");
      });
    return () => controller.abort();
  }, [attempt]);

  useEffect(() => {
    if (!map || !isLoaded) return;
    if (boundaries === null) return setState("loading");
    if (boundaries === "error") return setState("error");
    const { streets, communities } = boundaries;
    const data = {
      [BOUNDARY_SOURCES.streets]: streets,
      [BOUNDARY_SOURCES.communities]: communities,
      [BOUNDARY_SOURCES.streetLabels]: labelPoints(streets),
      [BOUNDARY_SOURCES.communityLabels]: labelPoints(communities),
    };
    for (const [id, collection] of Object.entries(data)) {
      const source = map.getSource(id) as GeoJSONSource | undefined;
      if (source) source.setData(collection);
      else map.addSource(id, { type: "geojson", data: collection, promoteId: "code" });
    }
    // Context layers from vector tiles: cells (10,000+ at city scale), building outlines, roads.
    // A cell's id is its code, so a joined overlay can colour it by feature state.
    const tileSource = (id: string, layer: string, minzoom: number, promoteId?: string) => {
      if (map.getSource(id)) return;
      map.addSource(id, { type: "vector", tiles: [`${window.location.origin}/api/tiles/${layer}/{z}/{x}/{y}.mvt`], minzoom, maxzoom: 16, ...(promoteId ? { promoteId: { [layer]: promoteId } } : {}) });
    };
    tileSource(BOUNDARY_SOURCES.cells, "grid-cells", 8, "code");
    tileSource(BOUNDARY_SOURCES.cellLabels, "grid-cell-labels", 14);
    tileSource(FOOTPRINT_SOURCE, "footprints", 14);
    tileSource(ROAD_SOURCE, "roads", 10);
    setState("ready");
  }, [map, isLoaded, boundaries]);

  // Layer stack, rebuilt when language, layers, overlay kind or opacity change:
  // street fill → overlay → building outlines → roads → cells/communities/streets lines → data layers → road names → labels.
  const overlayKind = overlay?.kind ?? null;
  const overlayJoined = overlay?.joined ?? false;
  const densityStops = overlay?.densityStops ?? NO_STOPS;
  const rebuild = useCallback(() => {
    if (!map || state !== "ready") return;
    // Busy until MapLibre's next idle event, which comes once the new layers' tiles have painted.
    container.current?.setAttribute("data-map-idle", "false");
    // Drawing (Terra Draw's td-*) and plan-check (plan-*) layers belong to the planner's tools,
    // command-* (supervised areas) to the Command view: kept, and lifted back on top once the stack is rebuilt.
    const own = (id: string) => id.startsWith("td-") || id.startsWith("plan-") || id.startsWith("command-");
    styleLayers.current ??= new Set(map.getStyle().layers.map((l) => l.id));
    const kept = styleLayers.current;
    const basemapLayer = (layer: { id: string; source?: unknown }) =>
      kept.has(layer.id) || layer.id === "background" || layer.id === "basemap-raster" || layer.source === BASEMAP_SOURCE;
    for (const layer of [...map.getStyle().layers].reverse()) {
      if (!basemapLayer(layer) && !own(layer.id)) map.removeLayer(layer.id);
    }
    const boundaries = boundaryLayers(locale, overBasemap);
    const [streetFill, ...rest] = boundaries;
    const lines = rest.filter((l) => l.type === "line");
    const labels = rest.filter((l) => l.type === "symbol");
    map.addLayer(streetFill!);
    if (overlayKind && map.getSource(OVERLAY_SOURCE)) {
      map.addLayer(
        overlayJoined
          ? {
              // The grid-cell tiles coloured by the values set on them as feature state; cells the
              // analysis left out (another street's) stay clear.
              id: "overlay-fill",
              type: "fill",
              source: BOUNDARY_SOURCES.cells,
              "source-layer": "grid-cells",
              paint: {
                "fill-color": ["case", ["boolean", ["feature-state", ANALYSED], false], overlayFillColour(overlayKind, densityStops, "feature-state"), "rgba(0,0,0,0)"],
                "fill-opacity": 0.85 * opacity,
                "fill-outline-color": "rgba(0,0,0,0)",
              },
            }
          : {
              id: "overlay-fill",
              type: "fill",
              source: OVERLAY_SOURCE,
              filter: ["!", ["has", "is_gap"]],
              paint: { "fill-color": overlayFillColour(overlayKind, densityStops), "fill-opacity": 0.85 * opacity, "fill-outline-color": "rgba(0,0,0,0)" },
            },
      );
      // Areas of a street that no cell covers (coverage's geometry check).
      map.addLayer({
        id: "overlay-gaps",
        type: "fill",
        source: OVERLAY_SOURCE,
        filter: ["has", "is_gap"],
        paint: { "fill-color": GEOMETRY_PROBLEM_COLOUR, "fill-opacity": 0.85 * opacity },
      });
      map.addLayer({
        id: "overlay-problems",
        type: "line",
        source: OVERLAY_SOURCE,
        filter: ["any", ["has", "overlap"], ["has", "is_gap"]],
        paint: { "line-color": GEOMETRY_PROBLEM_COLOUR, "line-width": 2.5, "line-dasharray": [2, 1] },
      });
      map.addLayer({ id: "overlay-hover", type: "line", source: HOVER_SOURCE, paint: { "line-color": "#111111", "line-width": 2.5 } });
    }
    for (const l of footprintLayers()) map.addLayer(l);
    for (const l of roadLines()) map.addLayer(l);
    for (const l of lines) map.addLayer(l);
    for (const id of layers) {
      const sourceId = `tiles-${id}`;
      const url = `${window.location.origin}/api/tiles/${id}/{z}/{x}/{y}.mvt${id === "events" && tileQuery ? `?${tileQuery}` : ""}`;
      const existing = map.getSource(sourceId) as VectorTileSource | undefined;
      if (!existing) map.addSource(sourceId, { type: "vector", tiles: [url], minzoom: 8, maxzoom: 16 });
      else if (existing.tiles?.[0] !== url) existing.setTiles([url]);
      for (const style of tileLayerStyles(id, opacity)) map.addLayer(style);
    }
    for (const l of roadLabels()) map.addLayer(l);
    for (const l of labels) map.addLayer(l);
    for (const layer of map.getStyle().layers) if (own(layer.id)) map.moveLayer(layer.id);
    // Render now, in this task: a layer just added has no evaluated paint until the next frame, and
    // a grid-cell tile landing before it would re-evaluate the overlay's state-dependent colour
    // with a default constant ("this.expression.evaluate is not a function"). redraw() replaces
    // the frame MapLibre had scheduled, so this costs no extra frame.
    map.redraw();
  }, [map, state, locale, layers, overlayKind, overlayJoined, densityStops, opacity, tileQuery, overBasemap]);

  // Overlay data: replace the source's data; the layer stack only changes when its kind does.
  // A joined overlay's values go onto the grid-cell tiles as feature state, and its GeoJSON keeps
  // only what the tiles lack: the gaps between cells and the overlapping cells' outlines.
  useEffect(() => {
    if (!map || state !== "ready") return;
    const cells = { source: BOUNDARY_SOURCES.cells, sourceLayer: "grid-cells" };
    map.removeFeatureState(cells);
    if (overlay?.joined) {
      for (const f of overlay.collection.features) {
        const code = f.properties?.code;
        if (typeof code === "string") map.setFeatureState({ ...cells, id: code }, { ...f.properties, [ANALYSED]: true });
      }
    }
    const drawn: FeatureCollection = !overlay
      ? NO_FEATURES
      : overlay.joined
        ? { type: "FeatureCollection", features: overlay.collection.features.filter((f) => f.properties?.is_gap || f.properties?.overlap) }
        : overlay.collection;
    const source = map.getSource(OVERLAY_SOURCE) as GeoJSONSource | undefined;
    if (source) source.setData(drawn);
    else map.addSource(OVERLAY_SOURCE, { type: "geojson", data: drawn, promoteId: "code" });
    const hover = map.getSource(HOVER_SOURCE) as GeoJSONSource | undefined;
    if (hover) hover.setData(NO_FEATURES);
    else map.addSource(HOVER_SOURCE, { type: "geojson", data: NO_FEATURES });
    hovered.current = undefined;
    rebuild();
    setBuilt(true);
  }, [map, state, overlay, rebuild]);
  // Busy from the very commit that changes what is drawn (the rebuild above runs a moment later,
  // after paint): whoever waits for data-map-idle="true" never sees the previous idle.
  useLayoutEffect(() => {
    if (map && state === "ready") container.current?.setAttribute("data-map-idle", "false");
  }, [map, state, overlay, rebuild]);

  // The overlay's units by code, for the hover outline and the details of a clicked unit.
  const overlayUnits = useRef({ joined: false, byCode: new Map<string | number, Feature>() });
  const hovered = useRef<string | number | undefined>(undefined);
  useEffect(() => {
    const byCode = new Map((overlay?.collection.features ?? []).flatMap((f) => (f.properties?.code == null ? [] : [[f.properties.code as string, f]])));
    overlayUnits.current = { joined: overlay?.joined ?? false, byCode };
  }, [overlay]);

  // Hover highlight on overlay units, and click → the topmost feature's details. The outline is
  // the hovered unit alone in a source of its own: an outline layer over all 10,000+ units (drawn
  // at width 0 but for one) cost every frame a pass over all of them.
  useEffect(() => {
    if (!map || state !== "ready") return;
    const outline = (id: string | number | undefined) => {
      hovered.current = id;
      const unit = id === undefined ? undefined : overlayUnits.current.byCode.get(id);
      (map.getSource(HOVER_SOURCE) as GeoJSONSource | undefined)?.setData(unit ? { type: "FeatureCollection", features: [unit] } : NO_FEATURES);
    };
    const clearHover = () => {
      if (hovered.current !== undefined) outline(undefined);
    };
    // A grid cell under a joined overlay is one of its units only if the analysis covered it.
    const unit = (f: MapGeoJSONFeature) => (f.layer.id === "overlay-fill" && f.id !== undefined ? overlayUnits.current.byCode.get(f.id) : undefined);
    const pickable = (f: MapGeoJSONFeature) => f.layer.id !== "overlay-fill" || !overlayUnits.current.joined || unit(f) !== undefined;
    const onMove = (e: { point: { x: number; y: number } }) => {
      const interactive = INTERACTIVE_ORDER.filter((id) => map.getLayer(id));
      const features = map.queryRenderedFeatures([e.point.x, e.point.y], { layers: interactive }).filter(pickable);
      map.getCanvas().style.cursor = features.length ? "pointer" : "";
      const cell = features.find((f) => unit(f) !== undefined);
      if (cell?.id !== hovered.current) outline(cell?.id);
    };
    const onClick = (e: { point: { x: number; y: number } }) => {
      const interactive = INTERACTIVE_ORDER.filter((id) => map.getLayer(id));
      const features: MapGeoJSONFeature[] = map.queryRenderedFeatures([e.point.x, e.point.y], { layers: interactive });
      features.sort((a, b) => INTERACTIVE_ORDER.indexOf(a.layer.id) - INTERACTIVE_ORDER.indexOf(b.layer.id));
      // An overlay unit shows the analysis' values for it (a joined cell's tile has only its code).
      const top = features.find(pickable);
      const properties = top && (unit(top)?.properties ?? top.properties);
      onPick?.(top ? { layer: top.layer.id, properties: properties as Record<string, unknown> } : null);
    };
    map.on("mousemove", onMove);
    map.on("click", onClick);
    map.on("mouseout", clearHover);
    return () => {
      map.off("mousemove", onMove);
      map.off("click", onClick);
      map.off("mouseout", clearHover);
    };
  }, [map, state, onPick]);

  useEffect(() => {
    if (!map || !isLoaded || !onViewport) return;
    const report = () => {
      const b = map.getBounds();
      onViewport([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map((v) => Math.round(v * 1e5) / 1e5) as Bounds);
    };
    report();
    map.on("moveend", report);
    return () => {
      map.off("moveend", report);
    };
  }, [map, isLoaded, onViewport]);

  // Fly to a street, cell or hot spot when asked.
  useEffect(() => {
    if (!map || !focus) return;
    map.fitBounds(focus, { padding: freeAreaPadding(map.getContainer(), 60), maxZoom: 15, duration: 600 });
  }, [map, focus]);

  // Outline the street, community or cell just chosen, so the eye finds it after the flight.
  useEffect(() => {
    if (!map || !built) return;
    for (const { id } of HIGHLIGHT_LAYERS) if (map.getLayer(id)) map.setFilter(id, highlightFilter(highlight));
  }, [map, built, highlight]);

  // The first screen: the layer stack built with the overlay's data, and every tile painted
  // (MapLibre's idle; `loaded()` when it already was before this effect ran).
  const firstScreenDone = useRef(false);
  useEffect(() => {
    if (!map || !built || overlayLoading || !onFirstScreen || firstScreenDone.current) return;
    const done = () => {
      firstScreenDone.current = true;
      // A User Timing mark: the moment the first screen was painted, for the benchmark (and a
      // browser's performance panel) to read.
      performance.mark(FIRST_SCREEN_MARK);
      onFirstScreen();
    };
    if (map.loaded() && container.current?.getAttribute("data-map-idle") === "true") return done();
    map.once("idle", done);
    return () => {
      map.off("idle", done);
    };
  }, [map, built, overlay, overlayLoading, onFirstScreen]);

  useEffect(() => {
    if (!onMap) return;
    onMap(map && state === "ready" ? map : null);
  }, [map, state, onMap]);

  // Test hook: lets Playwright query rendered features (read-only use).
  useEffect(() => {
    if (map) (window as unknown as { __gridAtlasMap?: unknown }).__gridAtlasMap = map;
  }, [map]);

  return (
    <div className="map-frame">
      <div ref={container} className="map-canvas" data-testid="district-map" role="region" aria-label={t.map.ariaLabel} />
      {(state === "loading" || (state === "ready" && !built)) && (
        <div className="map-status" role="status" aria-live="polite">
          <span className="spinner" aria-hidden="true" /> {t.map.loading}
        </div>
      )}
      {state === "error" && (
        <div className="map-status error" role="alert">
          {t.map.loadFailed}{" "}
          <button type="button" onClick={() => setAttempt((n) => n + 1)}>
            {t.map.retry}
          </button>
        </div>
      )}
      <MapLegend t={t} locale={locale} layers={layers} overlay={overlay} extras={legendExtras} />
    </div>
  );
}
