import { fromVectorTileJs, GeoJSONWrapper } from "@maplibre/vt-pbf";
import type { Geometry } from "geojson";

/** One feature already clipped and in tile coordinates (0..4096, y down), as PostGIS returned it. */
export interface TileFeatureRow {
  geometry: Geometry;
  properties: Record<string, string | number | boolean | null>;
}

export const EXTENT = 4096;

/**
 * Encode features into an MVT layer in Node — the path for PostGIS builds without ST_AsMVT
 * (PGlite). Geometry arrives in tile coordinates with rings already oriented (exterior
 * clockwise on screen); this only reshapes it into the vector-tile-js form the encoder takes.
 */
export function encodeTile(layerName: string, rows: readonly TileFeatureRow[]): Uint8Array {
  const features = [];
  for (const row of rows) {
    const shaped = shape(row.geometry);
    if (!shaped) continue;
    // ST_AsMVT leaves out null properties; do the same so both paths give identical tiles.
    const tags = Object.fromEntries(Object.entries(row.properties).filter(([, v]) => v !== null && v !== undefined));
    features.push({ ...shaped, tags });
  }
  if (features.length === 0) return new Uint8Array(0);
  const layer = new GeoJSONWrapper(features as never, { version: 2, extent: EXTENT });
  layer.name = layerName;
  return fromVectorTileJs({ layers: { [layerName]: layer } });
}

type Shaped = { type: 1; geometry: [number, number][] } | { type: 2 | 3; geometry: [number, number][][] };

function shape(g: Geometry): Shaped | null {
  switch (g.type) {
    case "Point":
      return { type: 1, geometry: [g.coordinates as [number, number]] };
    case "MultiPoint":
      return g.coordinates.length ? { type: 1, geometry: g.coordinates as [number, number][] } : null;
    case "LineString":
      return { type: 2, geometry: [g.coordinates as [number, number][]] };
    case "MultiLineString":
      return g.coordinates.length ? { type: 2, geometry: g.coordinates as [number, number][][] } : null;
    case "Polygon":
      return { type: 3, geometry: g.coordinates as [number, number][][] };
    case "MultiPolygon":
      return g.coordinates.length ? { type: 3, geometry: g.coordinates.flat() as [number, number][][] } : null;
    default:
      return null;
  }
}
