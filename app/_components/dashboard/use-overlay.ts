"use client";

import type { Feature, FeatureCollection, Geometry } from "geojson";
import { useEffect, useState } from "react";
import { analysisQuery, type ViewState } from "@/lib/dashboard/view-state";
import { densityStops } from "../map/data-layers";
import type { OverlayData } from "@/lib/map/map-types";

export type OverlayStatus = "idle" | "loading" | "ready" | "error";

/**
 * Fetch the analysis behind the chosen overlay and flatten what the map styles on
 * (gi_bin, category, gap/rate of the chosen metric, per_km2) into top-level properties.
 */
export function useOverlay(state: ViewState, unit: "grid-cells" | "communities" = "grid-cells") {
  const [data, setData] = useState<{ overlay: OverlayData | null; raw: FeatureCollection & { summary?: Record<string, unknown> } | null }>({ overlay: null, raw: null });
  const [status, setStatus] = useState<OverlayStatus>("idle");
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (state.overlay === "none") {
      setData({ overlay: null, raw: null });
      setStatus("idle");
      return;
    }
    const controller = new AbortController();
    const kind = state.overlay;
    const endpoint = kind === "emerging" ? "emerging-hotspots" : kind;
    const extra: Record<string, string> = { unit };
    // The unit picked for the map (网格 or H3 hexagons) serves density, hot spots and emerging
    // hot spots alike; the kernel surface is density's alone (hot spots then use grid cells).
    const hexagons = unit === "grid-cells" && kind !== "coverage" && state.density.startsWith("h3-");
    if (hexagons) Object.assign(extra, { unit: "h3", resolution: state.density.slice(3) });
    if (kind === "density" && state.density === "kde") Object.assign(extra, { mode: "kde", bandwidth: "300", cell: "100" });
    // Every overlay, the emerging one too, analyses the window the date boxes show.
    const query = analysisQuery(state, extra);
    setStatus("loading");
    fetch(`/api/analytics/${endpoint}?${query}`, { signal: controller.signal })
      .then(async (response) => {
        const body = await response.json();
        if (!response.ok) throw new Error(body.error ?? `HTTP ${response.status}`);
        return body as FeatureCollection & { summary?: Record<string, unknown> };
      })
      .then((raw) => {
        const densities: number[] = [];
        const features = raw.features.map((f) => {
          const p = (f.properties ?? {}) as Record<string, unknown>;
          const flat: Record<string, unknown> = { code: p.code, name_zh: p.name_zh, name_en: p.name_en, count: p.count };
          if (kind === "hotspots") Object.assign(flat, { gi_bin: p.gi_bin, gi_z: p.gi_z, gi_p_fdr: p.gi_p_fdr });
          if (kind === "emerging") Object.assign(flat, { category: p.category, trend_z: p.trend_z });
          if (kind === "density") {
            flat.per_km2 = p.per_km2 ?? p.density; // per unit, or the kernel surface's events per km²
            densities.push(Number(flat.per_km2) || 0);
          }
          if (kind === "coverage") {
            const metric = (p.metrics as Record<string, { rate: number | null; gap: number | null; target: number }>)[state.metric];
            if (metric && metric.rate !== null) Object.assign(flat, { rate: metric.rate, gap: metric.gap, target: metric.target });
          }
          return { ...f, properties: flat };
        });
        if (kind === "coverage") markGeometryProblems(features, raw.summary);
        // Grid-cell results colour the cells' own tiles; hexagons and the kernel surface are drawn from the answer.
        const joined = unit === "grid-cells" && !hexagons && !(kind === "density" && state.density === "kde");
        setData({ overlay: { kind, collection: { type: "FeatureCollection", features }, densityStops: densityStops(densities), joined }, raw });
        setStatus("ready");
        setError(null);
      })
      .catch((e: Error) => {
        if (e.name === "AbortError") return;
        // Nothing of an earlier window stays on the map or in the lists beside the refusal.
        setData({ overlay: null, raw: null });
        setStatus("error");
        setError(e.message);
      });
    return () => controller.abort();
  }, [state, unit]);

  return { ...data, status, error };
}

/**
 * Coverage also checks the cells' geometry: cells that overlap another are flagged, and areas
 * covered by no cell are added as their own features (`is_gap`) so the map can mark them.
 */
function markGeometryProblems(features: Feature[], summary: Record<string, unknown> | undefined): void {
  const streets = ((summary?.geometry as { streets?: { overlapping_pairs: [string, string][]; gap: Geometry | null }[] })?.streets ?? []);
  const overlapping = new Set(streets.flatMap((s) => s.overlapping_pairs.flat()));
  for (const f of features) if (overlapping.has(String(f.properties?.code))) f.properties = { ...f.properties, overlap: true };
  for (const s of streets) if (s.gap) features.push({ type: "Feature", geometry: s.gap, properties: { is_gap: true } });
}
