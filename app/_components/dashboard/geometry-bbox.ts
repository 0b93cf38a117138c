import type { Geometry } from "geojson";

/** Bounding box of a (Multi)Polygon or Point without pulling Turf into the browser bundle. */
export function geometryBbox(geometry: Geometry): [number, number, number, number] | null {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === "number") {
      const [x, y] = c as number[];
      w = Math.min(w, x!);
      s = Math.min(s, y!);
      e = Math.max(e, x!);
      n = Math.max(n, y!);
    } else if (Array.isArray(c)) c.forEach(visit);
  };
  if ("coordinates" in geometry) visit(geometry.coordinates);
  return Number.isFinite(w) ? [w, s, e, n] : null;
}
