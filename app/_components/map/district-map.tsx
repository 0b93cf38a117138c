"use client";

import type { GeoJSONSource, StyleSpecification } from "maplibre-gl";
import { useCallback, useEffect, useRef, useState } from "react";
import type { Locale, Messages } from "@/lib/i18n/messages";
import { BOUNDARY_SOURCES, boundaryLayers } from "./boundary-layers";
import { MapLegend } from "./map-legend";
import { useMap } from "./use-map";

export interface BasemapConfig {
  /** A full MapLibre style URL replacing the bundled offline style. */
  styleUrl: string | null;
  /** An XYZ raster tile template shown under the data layers. */
  rasterTiles: string | null;
}

type LoadState = "loading" | "ready" | "error";

/** The full-screen district map: street, community and grid-cell boundaries with labels. */
export function DistrictMap({
  locale,
  t,
  bounds,
  basemap,
}: {
  locale: Locale;
  t: Messages["map"];
  bounds: [number, number, number, number] | null;
  basemap: BasemapConfig;
}) {
  const container = useRef<HTMLDivElement>(null);
  const [style] = useState<string | StyleSpecification>(() => basemap.styleUrl ?? "/basemap/style.json");
  const { map, isLoaded } = useMap(container, { style, bounds });
  const [state, setState] = useState<LoadState>("loading");
  const [attempt, setAttempt] = useState(0);

  // Optional raster basemap under everything else.
  useEffect(() => {
    if (!map || !isLoaded || !basemap.rasterTiles || map.getSource("basemap-raster")) return;
    map.addSource("basemap-raster", { type: "raster", tiles: [basemap.rasterTiles], tileSize: 256 });
    map.addLayer({ id: "basemap-raster", type: "raster", source: "basemap-raster" }, map.getStyle().layers[1]?.id);
  }, [map, isLoaded, basemap.rasterTiles]);

  // Boundaries: fetched once per attempt, added as GeoJSON sources.
  useEffect(() => {
    if (!map || !isLoaded) return;
    const controller = new AbortController();
    setState("loading");
    const load = async (level: string) => {
      const response = await fetch(`/api/boundaries/${level}`, { signal: controller.signal });
      if (!response.ok) throw new Error(`${level}: HTTP ${response.status}`);
      return response.json();
    };
    Promise.all([load("streets"), load("communities"), load("grid-cells")])
      .then(([streets, communities, cells]) => {
        const data = { [BOUNDARY_SOURCES.streets]: streets, [BOUNDARY_SOURCES.communities]: communities, [BOUNDARY_SOURCES.cells]: cells };
        for (const [id, collection] of Object.entries(data)) {
          const source = map.getSource(id) as GeoJSONSource | undefined;
          if (source) source.setData(collection);
          else map.addSource(id, { type: "geojson", data: collection, promoteId: "code" });
        }
        setState("ready");
      })
      .catch((error: Error) => {
        if (error.name !== "AbortError") setState("error");
      });
    return () => controller.abort();
  }, [map, isLoaded, attempt]);

  // Layers follow the language (labels switch between name_zh and name_en).
  const applyLayers = useCallback(() => {
    if (!map || state !== "ready") return;
    for (const layer of boundaryLayers(locale)) {
      if (map.getLayer(layer.id)) map.removeLayer(layer.id);
    }
    for (const layer of boundaryLayers(locale)) map.addLayer(layer);
  }, [map, state, locale]);
  useEffect(applyLayers, [applyLayers]);

  return (
    <div className="map-frame">
      <div ref={container} className="map-canvas" data-testid="district-map" role="region" aria-label={t.ariaLabel} />
      {state === "loading" && (
        <div className="map-status" role="status" aria-live="polite">
          <span className="spinner" aria-hidden="true" /> {t.loading}
        </div>
      )}
      {state === "error" && (
        <div className="map-status error" role="alert">
          {t.loadFailed}{" "}
          <button type="button" onClick={() => setAttempt((n) => n + 1)}>
            {t.retry}
          </button>
        </div>
      )}
      <MapLegend t={t} />
    </div>
  );
}
