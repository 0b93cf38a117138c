"use client";

import { Map as MapLibreMap, setWorkerUrl, type StyleSpecification } from "maplibre-gl";
import { useEffect, useRef, useState, type RefObject } from "react";
import { freeAreaPadding } from "./free-area";

// Served from public/ by the postinstall step: Next's bundler would rename the worker and break it.
setWorkerUrl("/maplibre-gl-worker.mjs");

export interface UseMapOptions {
  style: string | StyleSpecification;
  bounds?: [number, number, number, number] | null;
}

/**
 * Create a MapLibre map in a container, once. Exposes `{ map, isLoaded }`; removes the map on
 * unmount; marks the container `data-map-idle="true"` on MapLibre's idle event so tests can wait.
 */
export function useMap(container: RefObject<HTMLDivElement | null>, options: UseMapOptions) {
  const [map, setMap] = useState<MapLibreMap | null>(null);
  const [isLoaded, setIsLoaded] = useState(false);
  const initial = useRef(options);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const { style, bounds } = initial.current;
    const instance = new MapLibreMap({
      container: element,
      style,
      bounds: bounds ?? undefined,
      // Fit the district into what the side panel and the legend leave free.
      fitBoundsOptions: { padding: freeAreaPadding(element) },
      center: bounds ? undefined : [120.62, 28.05],
      zoom: bounds ? undefined : 10,
      attributionControl: { compact: true },
      // Tests read pixels back from the canvas to check that something was painted.
      canvasContextAttributes: { preserveDrawingBuffer: true },
    });
    instance.on("load", () => setIsLoaded(true));
    instance.on("movestart", () => element.setAttribute("data-map-idle", "false"));
    instance.on("idle", () => element.setAttribute("data-map-idle", "true"));
    setMap(instance);
    return () => {
      instance.remove();
      setMap(null);
      setIsLoaded(false);
    };
  }, [container]);

  return { map, isLoaded };
}
