"use client";

import { useCallback, useEffect, useState } from "react";
import type { Map as MapLibreMap } from "maplibre-gl";
import type { Department } from "@/lib/cases/departments";
import type { SupervisedAreaCollection } from "@/lib/command/supervised-areas";
import { showSupervisedAreas } from "./area-layer";
import { callApi } from "@/lib/http/call-api";

/**
 * What the Command view's panels share: the departments, the supervised areas (also drawn on the
 * map) and a counter that makes the case list reload after a case moves.
 */
export function useCommandData(enabled: boolean, map: MapLibreMap | null, painted: boolean) {
  const [departments, setDepartments] = useState<Department[]>([]);
  const [areas, setAreas] = useState<SupervisedAreaCollection | null>(null);
  const [casesVersion, setCasesVersion] = useState(0);
  const [areasVersion, setAreasVersion] = useState(0);
  useEffect(() => {
    if (!enabled || !painted) return;
    const controller = new AbortController();
    callApi<Department[]>("/api/departments", { signal: controller.signal })
      .then((r) => r.ok && setDepartments(r.data))
      .catch(() => undefined);
    return () => controller.abort();
  }, [enabled, painted]);
  useEffect(() => {
    if (!enabled || !painted) return;
    const controller = new AbortController();
    callApi<SupervisedAreaCollection>("/api/supervised-areas", { signal: controller.signal })
      .then((r) => r.ok && setAreas(r.data))
      .catch(() => undefined);
    return () => controller.abort();
  }, [enabled, painted, areasVersion]);
  useEffect(() => {
    if (map && areas) showSupervisedAreas(map, areas);
  }, [map, areas]);
  return {
    departments,
    areas,
    casesVersion,
    reloadCases: useCallback(() => setCasesVersion((v) => v + 1), []),
    reloadAreas: useCallback(() => setAreasVersion((v) => v + 1), []),
  };
}
