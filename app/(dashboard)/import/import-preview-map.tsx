"use client";

import type { FeatureCollection } from "geojson";
import type { ExpressionSpecification } from "maplibre-gl";
import type { TopologyFinding } from "@/lib/imports/imports";
import { useEffect, useRef } from "react";
import { useMap } from "@/app/_components/map/use-map";
import { OFFLINE_STYLE } from "@/app/_components/map/offline-style";

const VERDICT_COLOUR = ["match", ["get", "verdict"], "ok", "#1a9850", "update", "#2c7bb6", "#d7301f"] as unknown as string;

/**
 * Where the staged rows fall, coloured by verdict (new, update, rejected), before anything is
 * written; gaps (orange) and overlaps (purple) found by the topology check drawn as their shapes,
ringed so that a thin strip is still found.
 */
export function ImportPreviewMap({ importId, findings = [] }: { importId: string; findings?: TopologyFinding[] }) {
  const container = useRef<HTMLDivElement>(null);
  const { map, isLoaded } = useMap(container, { style: OFFLINE_STYLE });

  useEffect(() => {
    if (!map || !isLoaded) return;
    let cancelled = false;
    // The stored grid cells (vector tiles) and the streets for context, under the staged rows.
    if (!map.getSource("preview-cells")) {
      map.addSource("preview-cells", { type: "vector", tiles: [`${window.location.origin}/api/tiles/grid-cells/{z}/{x}/{y}.mvt`], minzoom: 10, maxzoom: 16 });
      map.addLayer({ id: "preview-cells", type: "line", source: "preview-cells", "source-layer": "grid-cells", paint: { "line-color": "#7f8c9a", "line-width": 0.8, "line-dasharray": [2, 2] } });
    }
    // The streets for context, under the staged rows.
    fetch("/api/boundaries/streets")
      .then((r) => r.json())
      .then((streets: FeatureCollection) => {
        if (cancelled || map.getSource("preview-streets")) return;
        map.addSource("preview-streets", { type: "geojson", data: streets });
        map.addLayer({ id: "preview-streets", type: "line", source: "preview-streets", paint: { "line-color": "#1f4e79", "line-width": 1.5 } }, map.getLayer("preview-fill") ? "preview-fill" : undefined);
      })
      .catch(() => {});
    fetch(`/api/imports/${importId}/preview`)
      .then((r) => r.json())
      .then((data: FeatureCollection) => {
        if (cancelled) return;
        for (const id of ["preview-fill", "preview-line", "preview-points", "preview-topology-area", "preview-topology-edge", "preview-topology"]) if (map.getLayer(id)) map.removeLayer(id);
        for (const id of ["preview", "preview-topology", "preview-topology-shapes"]) if (map.getSource(id)) map.removeSource(id);
        map.addSource("preview", { type: "geojson", data });
        map.addLayer({ id: "preview-fill", type: "fill", source: "preview", filter: ["!=", ["geometry-type"], "Point"], paint: { "fill-color": VERDICT_COLOUR, "fill-opacity": 0.35 } });
        map.addLayer({ id: "preview-line", type: "line", source: "preview", filter: ["!=", ["geometry-type"], "Point"], paint: { "line-color": VERDICT_COLOUR, "line-width": 1 } });
        map.addLayer({ id: "preview-points", type: "circle", source: "preview", filter: ["==", ["geometry-type"], "Point"], paint: { "circle-color": VERDICT_COLOUR, "circle-radius": 4, "circle-stroke-color": "#fff", "circle-stroke-width": 1 } });
        if (findings.length > 0) {
          // The gap or overlap itself (a 20 m strip can hide under its marker), then the marker that finds it.
          const kindColour = ["match", ["get", "kind"], "gap", "#f28e2b", "#8e44ad"] as ExpressionSpecification;
          map.addSource("preview-topology-shapes", {
            type: "geojson",
            data: { type: "FeatureCollection", features: findings.filter((f) => f.geometry).map((f) => ({ type: "Feature", geometry: f.geometry!, properties: { kind: f.kind } })) },
          });
          map.addLayer({ id: "preview-topology-area", type: "fill", source: "preview-topology-shapes", paint: { "fill-color": kindColour, "fill-opacity": 0.75 } });
          map.addLayer({ id: "preview-topology-edge", type: "line", source: "preview-topology-shapes", paint: { "line-color": "#111", "line-width": 1.5 } });
          map.addSource("preview-topology", {
            type: "geojson",
            data: { type: "FeatureCollection", features: findings.map((f) => ({ type: "Feature", geometry: { type: "Point", coordinates: f.at }, properties: { kind: f.kind } })) },
          });
          map.addLayer({
            id: "preview-topology",
            type: "circle",
            source: "preview-topology",
            // A ring, so the shape inside stays visible.
            paint: { "circle-opacity": 0, "circle-radius": 9, "circle-stroke-color": kindColour, "circle-stroke-width": 2.5 },
          });
        }
        const coords = data.features.flatMap((f) => {
          const walk = (c: unknown): number[][] => (typeof (c as number[])[0] === "number" ? [c as number[]] : (c as unknown[]).flatMap(walk));
          return f.geometry && "coordinates" in f.geometry ? walk(f.geometry.coordinates) : [];
        });
        if (coords.length) {
          const xs = coords.map((c) => c[0]!);
          const ys = coords.map((c) => c[1]!);
          map.fitBounds([Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)], { padding: 30, maxZoom: 16, duration: 0 });
        }
      })
      .catch(() => {});
    return () => {
      cancelled = true;
    };
  }, [map, isLoaded, importId, findings]);

  return <div ref={container} className="import-preview-map" data-testid="import-preview-map" />;
}
