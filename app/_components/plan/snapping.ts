import type { Map as MapLibreMap } from "maplibre-gl";
import type { SnapToCustom } from "terra-draw";
import { nearestSnap, type Xy } from "@/lib/geo/nearest-snap";

/** Layers whose vertices a new zone snaps to: grid cells, communities, streets, existing zones. */
const VERTEX_LAYERS = ["grid-cells-line", "communities-line", "streets-line", "no-stall-zones-line"];
/** Road centre lines: a zone edge snaps onto the line anywhere along it, not only to its vertices. */
const LINE_LAYERS = ["roads-line"];
const SNAP_PIXELS = 10;

/**
 * Snap to the nearest rendered boundary vertex or road line within a few pixels of the pointer,
 * so a zone can follow a cell edge or a road exactly (Terra Draw snaps to its own features by itself).
 */
export function snapToBoundaries(map: MapLibreMap): SnapToCustom {
  return (event) => {
    const present = (ids: string[]) => ids.filter((id) => map.getLayer(id));
    const vertexLayers = present(VERTEX_LAYERS);
    const lineLayers = present(LINE_LAYERS);
    if (!vertexLayers.length && !lineLayers.length) return undefined;
    const { containerX: x, containerY: y } = event;
    const box: [[number, number], [number, number]] = [
      [x - SNAP_PIXELS, y - SNAP_PIXELS],
      [x + SNAP_PIXELS, y + SNAP_PIXELS],
    ];
    const project = ([lng, lat]: number[]): Xy => {
      const p = map.project([lng!, lat!]);
      return [p.x, p.y];
    };
    const vertices: Xy[] = [];
    const vertexLngLats: Xy[] = [];
    const collectVertices = (coordinates: unknown): void => {
      if (!Array.isArray(coordinates)) return;
      if (typeof coordinates[0] === "number") {
        vertices.push(project(coordinates as number[]));
        vertexLngLats.push(coordinates as Xy);
      } else for (const c of coordinates) collectVertices(c);
    };
    if (vertexLayers.length) {
      for (const f of map.queryRenderedFeatures(box, { layers: vertexLayers })) if ("coordinates" in f.geometry) collectVertices(f.geometry.coordinates);
    }
    const segments: [Xy, Xy][] = [];
    if (lineLayers.length) {
      for (const f of map.queryRenderedFeatures(box, { layers: lineLayers })) {
        const g = f.geometry;
        const parts = g.type === "LineString" ? [g.coordinates] : g.type === "MultiLineString" ? g.coordinates : [];
        for (const part of parts) for (let i = 1; i < part.length; i++) segments.push([project(part[i - 1]!), project(part[i]!)]);
      }
    }
    const snapped = nearestSnap([x, y], vertices, segments, SNAP_PIXELS);
    if (!snapped) return undefined;
    // A vertex keeps its exact coordinates, so a zone shares a cell's corner to the last digit.
    if (snapped.vertex !== undefined) return vertexLngLats[snapped.vertex];
    const { lng, lat } = map.unproject(snapped.at);
    return [lng, lat];
  };
}
