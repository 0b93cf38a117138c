"use client";

import { Map as MapLibreMap, setWorkerUrl, type GeoJSONSource, type MapMouseEvent } from "maplibre-gl";
import { useEffect, useRef } from "react";
import type { FeatureCollection, MultiPolygon } from "geojson";
import type { FieldBuilding } from "@/lib/field/field-types";

let workerUrl: Promise<string> | null = null;
/**
 * MapLibre's worker from a Blob of its script, read through the page's own fetch (which the
 * service worker answers offline). Chromium fetches a worker's script outside the page's requests,
 * and with the network gone that load failed even with the script in the cache, leaving a blank map.
 */
function offlineWorkerUrl(): Promise<string> {
  workerUrl ??= fetch("/maplibre-gl-worker.mjs")
    .then((response) => (response.ok ? response.blob() : Promise.reject(new Error(String(response.status)))))
    .then((script) => URL.createObjectURL(new Blob([script], { type: "text/javascript" })))
    .catch(() => "/maplibre-gl-worker.mjs");
  return workerUrl;
}

export interface Position {
  lon: number;
  lat: number;
  accuracy: number;
}

interface Props {
  cells: FeatureCollection<MultiPolygon, { code: string; name: string }>;
  buildings: FieldBuilding[];
  position: Position | null;
  /** A chosen place (the report form's tapped point). */
  picked?: [number, number] | null;
  onTapBuilding?: (code: string) => void;
  onTapPlace?: (lonLat: [number, number]) => void;
  label: string;
}

const EMPTY: FeatureCollection = { type: "FeatureCollection", features: [] };
const point = (coordinates: [number, number], properties: Record<string, unknown> = {}) => ({
  type: "Feature" as const,
  properties,
  geometry: { type: "Point" as const, coordinates },
});

/**
 * My cells, their buildings (orange: due this month; green: checked) and my position, on a plain
 * background: everything it shows comes from the day's data kept on the phone, so it draws the
 * same without a signal (no basemap tiles, no font downloads).
 */
export default function FieldMap({ cells, buildings, position, picked, onTapBuilding, onTapPlace, label }: Props) {
  const container = useRef<HTMLDivElement | null>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const handlers = useRef({ onTapBuilding, onTapPlace });
  useEffect(() => {
    handlers.current = { onTapBuilding, onTapPlace };
  }, [onTapBuilding, onTapPlace]);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    let map: MapLibreMap | null = null;
    let gone = false;
    void offlineWorkerUrl().then((url) => {
      if (gone) return;
      setWorkerUrl(url);
      map = createMap(element, (ready) => (mapRef.current = ready), (event, on) => {
        const hit = on.queryRenderedFeatures(event.point, { layers: ["buildings"] })[0];
        if (hit && handlers.current.onTapBuilding) handlers.current.onTapBuilding(String(hit.properties.code));
        else handlers.current.onTapPlace?.([event.lngLat.lng, event.lngLat.lat]);
      });
    });
    return () => {
      gone = true;
      mapRef.current = null;
      map?.remove();
    };
  }, []);

  // Data into the sources once the style is there (and whenever it changes).
  useEffect(() => {
    const element = container.current;
    const apply = () => {
      const map = mapRef.current;
      if (!map) return;
      (map.getSource("cells") as GeoJSONSource).setData(cells);
      (map.getSource("buildings") as GeoJSONSource).setData({
        type: "FeatureCollection",
        features: buildings.map((b) => point([b.lon, b.lat], { code: b.code, due: b.due })),
      });
      (map.getSource("me") as GeoJSONSource).setData({ type: "FeatureCollection", features: position ? [point([position.lon, position.lat])] : [] });
      (map.getSource("picked") as GeoJSONSource).setData({ type: "FeatureCollection", features: picked ? [point(picked)] : [] });
    };
    apply();
    element?.addEventListener("field-map-ready", apply);
    return () => element?.removeEventListener("field-map-ready", apply);
  }, [cells, buildings, position, picked]);

  // Frame my cells once they are known.
  const framed = useRef(false);
  useEffect(() => {
    const element = container.current;
    const frame = () => {
      const map = mapRef.current;
      if (!map || framed.current || cells.features.length === 0) return;
      const bounds = boundsOf(cells);
      map.fitBounds(bounds, { padding: 24, duration: 0 });
      framed.current = true;
    };
    frame();
    element?.addEventListener("field-map-ready", frame);
    return () => element?.removeEventListener("field-map-ready", frame);
  }, [cells]);

  return <div ref={container} className="field-map" role="img" aria-label={label} data-testid="field-map" />;
}

/** The map with its (empty) sources and layers; `onReady` once they exist. */
function createMap(element: HTMLDivElement, onReady: (map: MapLibreMap) => void, onClick: (event: MapMouseEvent, map: MapLibreMap) => void): MapLibreMap {
  const map = new MapLibreMap({
    container: element,
    style: { version: 8, sources: {}, layers: [{ id: "background", type: "background", paint: { "background-color": "#eef2f5" } }] },
    center: [120.66, 28.02],
    zoom: 14,
    attributionControl: false,
    dragRotate: false,
    pitchWithRotate: false,
    canvasContextAttributes: { preserveDrawingBuffer: true },
  });
  map.touchZoomRotate.disableRotation();
  map.on("load", () => {
    map.addSource("cells", { type: "geojson", data: EMPTY });
    map.addSource("buildings", { type: "geojson", data: EMPTY });
    map.addSource("me", { type: "geojson", data: EMPTY });
    map.addSource("picked", { type: "geojson", data: EMPTY });
    map.addLayer({ id: "cells-fill", type: "fill", source: "cells", paint: { "fill-color": "#1f4e79", "fill-opacity": 0.08 } });
    map.addLayer({ id: "cells-line", type: "line", source: "cells", paint: { "line-color": "#1f4e79", "line-width": 2 } });
    map.addLayer({
      id: "buildings",
      type: "circle",
      source: "buildings",
      paint: {
        "circle-radius": ["interpolate", ["linear"], ["zoom"], 13, 4, 17, 9],
        "circle-color": ["case", ["get", "due"], "#e07b00", "#2e8b57"],
        "circle-stroke-color": "#ffffff",
        "circle-stroke-width": 1.5,
      },
    });
    map.addLayer({ id: "me-halo", type: "circle", source: "me", paint: { "circle-radius": 14, "circle-color": "#1a73e8", "circle-opacity": 0.2 } });
    map.addLayer({ id: "me", type: "circle", source: "me", paint: { "circle-radius": 7, "circle-color": "#1a73e8", "circle-stroke-color": "#fff", "circle-stroke-width": 2 } });
    map.addLayer({ id: "picked", type: "circle", source: "picked", paint: { "circle-radius": 9, "circle-color": "#c62828", "circle-stroke-color": "#fff", "circle-stroke-width": 2 } });
    onReady(map);
    element.dispatchEvent(new Event("field-map-ready"));
  });
  map.on("idle", () => element.setAttribute("data-map-idle", "true"));
  map.on("click", (event: MapMouseEvent) => onClick(event, map));
  return map;
}

function boundsOf(cells: FeatureCollection<MultiPolygon>): [number, number, number, number] {
  let [w, s, e, n] = [180, 90, -180, -90];
  for (const f of cells.features) {
    for (const polygon of f.geometry.coordinates) {
      for (const [x, y] of polygon[0]!) {
        w = Math.min(w, x!);
        e = Math.max(e, x!);
        s = Math.min(s, y!);
        n = Math.max(n, y!);
      }
    }
  }
  return [w, s, e, n];
}
