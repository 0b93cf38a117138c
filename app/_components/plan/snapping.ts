import type { Map as MapLibreMap } from "maplibre-gl";
import type { SnapToCustom } from "terra-draw";

/** Layers whose vertices a new zone snaps to: grid cells, communities, streets, existing zones. */
const SNAP_LAYERS = ["grid-cells-line", "communities-line", "streets-line", "no-stall-zones-line"];
const SNAP_PIXELS = 10;

/**
 * Snap to the nearest rendered boundary vertex within a few pixels of the pointer, so a zone can
 * follow a cell or street edge exactly (Terra Draw snaps to its own features by itself).
 */
export function snapToBoundaries(map: MapLibreMap): SnapToCustom {
  return (event) => {
    const layers = SNAP_LAYERS.filter((id) => map.getLayer(id));
    if (!layers.length) return undefined;
    const { containerX: x, containerY: y } = event;
    const features = map.queryRenderedFeatures(
      [
        [x - SNAP_PIXELS, y - SNAP_PIXELS],
        [x + SNAP_PIXELS, y + SNAP_PIXELS],
      ],
      { layers },
    );
    let best: [number, number] | undefined;
    let bestDistance = SNAP_PIXELS;
    const visit = (coordinates: unknown): void => {
      if (!Array.isArray(coordinates)) return;
      if (typeof coordinates[0] === "number") {
        const [lng, lat] = coordinates as [number, number];
        const p = map.project([lng, lat]);
        const d = Math.hypot(p.x - x, p.y - y);
        if (d < bestDistance) [best, bestDistance] = [[lng, lat], d];
        return;
      }
      for (const c of coordinates) visit(c);
    };
    for (const f of features) if ("coordinates" in f.geometry) visit(f.geometry.coordinates);
    return best;
  };
}
