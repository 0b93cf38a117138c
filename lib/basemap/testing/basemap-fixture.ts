import { fromVectorTileJs, GeoJSONWrapper } from "@maplibre/vt-pbf";
import { writePmtiles } from "./pmtiles-writer";

const EXTENT = 4096;

/** Tile coordinates (0..4096, y down) of a lon/lat inside tile z/x/y. */
function toTile(lon: number, lat: number, z: number, x: number, y: number): [number, number] {
  const n = 2 ** z;
  const fx = ((lon + 180) / 360) * n;
  const r = (lat * Math.PI) / 180;
  const fy = ((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n;
  return [Math.round((fx - x) * EXTENT), Math.round((fy - y) * EXTENT)];
}

function tileOf(lon: number, lat: number, z: number): { x: number; y: number } {
  const [tx, ty] = toTile(lon, lat, z, 0, 0);
  return { x: Math.floor(tx / EXTENT), y: Math.floor(ty / EXTENT) };
}

/**
 * A Protomaps-shaped basemap archive for tests: at zooms 12–15, the tile holding (lon, lat) with
 * land ("earth") over the whole tile and a lake ("water", kind lake, 湖 name) of ±`half`
 * degrees around the point. Returns the archive and the lake's bounds.
 */
export function lakeBasemapArchive(lon: number, lat: number, half = 0.002): { bytes: Uint8Array; lake: [number, number, number, number] } {
  const lake: [number, number, number, number] = [lon - half, lat - half, lon + half, lat + half];
  const tiles = [12, 13, 14, 15].map((z) => {
    const { x, y } = tileOf(lon, lat, z);
    const [x1, y1] = toTile(lake[0], lake[3], z, x, y); // north-west corner (y grows southward)
    const [x2, y2] = toTile(lake[2], lake[1], z, x, y);
    const square = (a: number, b: number, c: number, d: number) => [[[a, b], [c, b], [c, d], [a, d], [a, b]]];
    const layer = (name: string, features: { geometry: number[][][]; tags: Record<string, string> }[]) => {
      const wrapped = new GeoJSONWrapper(features.map((f) => ({ type: 3, ...f })) as never, { version: 2, extent: EXTENT });
      wrapped.name = name;
      return wrapped;
    };
    const data = fromVectorTileJs({
      layers: {
        earth: layer("earth", [{ geometry: square(-64, -64, EXTENT + 64, EXTENT + 64), tags: { kind: "earth" } }]),
        water: layer("water", [{ geometry: square(x1, y1, x2, y2), tags: { kind: "lake", name: "试验湖", "name:zh": "试验湖", "name:en": "Test Lake" } }]),
      },
    });
    return { z, x, y, data };
  });
  const metadata = {
    name: "Grid Atlas test basemap",
    vector_layers: [
      { id: "earth", fields: { kind: "String" } },
      { id: "water", fields: { kind: "String", name: "String" } },
    ],
  };
  return { bytes: writePmtiles(tiles, metadata, [lon - 0.05, lat - 0.05, lon + 0.05, lat + 0.05]), lake };
}
