"use client";

import { useEffect, useState } from "react";
import type { Position } from "./field-map";

/**
 * The phone's position while the page is open (watchPosition), for "nearest first", the check-in
 * and reporting where I stand. It stays in this page's memory: never stored, never sent on its
 * own — only as the place of an event the worker chooses to save.
 */
export function usePosition(): { position: Position | null } {
  const [position, setPosition] = useState<Position | null>(null);
  useEffect(() => {
    if (!("geolocation" in navigator)) return;
    const id = navigator.geolocation.watchPosition(
      (p) => setPosition({ lon: p.coords.longitude, lat: p.coords.latitude, accuracy: p.coords.accuracy }),
      () => setPosition(null),
      { enableHighAccuracy: true, maximumAge: 15_000, timeout: 20_000 },
    );
    return () => navigator.geolocation.clearWatch(id);
  }, []);
  return { position };
}
