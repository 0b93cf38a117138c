"use client";

import type { Feature, Geometry } from "geojson";
import type { Map as MapLibreMap } from "maplibre-gl";
import { useEffect, useState } from "react";
import type { CheckResult } from "./check-report";
import type { PlanBase } from "./plan-api";
import { feature, showPlanOverlay } from "./plan-overlays";

/**
 * The server's validation and impact of the shape being drawn, asked for 400 ms after the shape
 * last changed (an older answer is dropped), with its findings drawn on the map: error places,
 * overlaps, and the alternative guidance points. `self` is the plan being edited (its saved row is
 * left out of the conflicts); a new saved version asks again.
 */
export function usePlanCheck(map: MapLibreMap | null, geometry: Geometry | null, base: PlanBase, self: { id: number; version: number } | undefined): { check: CheckResult | null; checking: boolean } {
  const selfId = self?.id;
  const selfVersion = self?.version;
  const [check, setCheck] = useState<CheckResult | null>(null);
  const [checking, setChecking] = useState(false);

  useEffect(() => {
    if (!geometry) {
      setCheck(null);
      setChecking(false); // a check cancelled with its shape never reaches its own finally
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      setChecking(true);
      try {
        const response = await fetch(`/api/${base}/validate`, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ geometry, ...(selfId !== undefined ? { id: selfId } : {}) }),
          signal: controller.signal,
        });
        const body = await response.json();
        setCheck(response.ok ? body : { valid: false, publishable: false, errors: [{ code: "invalid", message: body.error }], warnings: [], conflicts: [] });
      } catch {
        // superseded by a newer shape
      } finally {
        if (!controller.signal.aborted) setChecking(false);
      }
    }, 400);
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [geometry, base, selfId, selfVersion]);

  useEffect(() => {
    if (!map) return;
    const features: Feature[] = [];
    for (const e of check?.errors ?? []) if (e.location) features.push(feature({ type: "Point", coordinates: e.location }, { role: "error" }));
    for (const w of (check?.warnings ?? []) as { overlap?: Geometry }[]) if (w.overlap) features.push(feature(w.overlap, { role: "overlap" }));
    for (const a of (check?.impact?.nearest_alternatives ?? []) as { geometry?: Geometry }[]) if (a.geometry) features.push(feature(a.geometry, { role: "alternative" }));
    showPlanOverlay(map, "check", features);
  }, [map, check]);

  return { check, checking };
}
