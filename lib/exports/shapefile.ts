import { zipSync, strToU8 } from "fflate";
import type { Feature } from "geojson";
// shp-write's low-level writer gives the .shp and .shx; its .dbf cannot hold Chinese text, so ours is used.
import writeShp from "@mapbox/shp-write/src/write";
import { writeDbf } from "./dbf";

const WGS84_PRJ = 'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137,298.257223563]],PRIMEM["Greenwich",0],UNIT["Degree",0.017453292519943295]]';

const GROUPS = [
  { name: "points", types: ["Point"], shpType: "POINT" },
  { name: "lines", types: ["LineString", "MultiLineString"], shpType: "POLYLINE" },
  { name: "polygons", types: ["Polygon", "MultiPolygon"], shpType: "POLYGON" },
] as const;

/**
 * Features as a zipped Shapefile: one .shp/.shx/.dbf/.prj/.cpg set per geometry kind present
 * (a Shapefile holds one kind), named after the layer, attributes in UTF-8.
 */
export function featuresToShapefileZip(layer: string, features: Feature[]): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const group of GROUPS) {
    const members = features.filter((f) => f.geometry && (group.types as readonly string[]).includes(f.geometry.type));
    if (!members.length) continue;
    // shp-write takes polygons as rings (one feature per polygon part list); multipolygon parts are flattened into rings.
    const geometries = members.map((f) => {
      const g = f.geometry as { type: string; coordinates: unknown };
      // Shapefile rings run the other way from GeoJSON's: outer rings clockwise, holes counter-clockwise.
      if (g.type === "Polygon") return shapefileRings(g.coordinates as number[][][]);
      if (g.type === "MultiPolygon") return (g.coordinates as number[][][][]).flatMap(shapefileRings);
      if (g.type === "MultiLineString") return g.coordinates;
      if (g.type === "LineString") return [g.coordinates];
      return g.coordinates;
    });
    const base = `${layer}-${group.name}`;
    writeShp(
      members.map((f) => ({ id: f.id, ...(f.properties ?? {}) })),
      group.shpType,
      geometries,
      (_error: unknown, out: { shp: DataView; shx: DataView }) => {
        files[`${base}.shp`] = new Uint8Array(out.shp.buffer);
        files[`${base}.shx`] = new Uint8Array(out.shx.buffer);
      },
    );
    files[`${base}.dbf`] = writeDbf(members.map((f) => ({ id: f.id, ...(f.properties ?? {}) })));
    files[`${base}.prj`] = strToU8(WGS84_PRJ);
    files[`${base}.cpg`] = strToU8("UTF-8");
  }
  return zipSync(files);
}

function shapefileRings(polygon: number[][][]): number[][][] {
  return polygon.map((ring, i) => {
    const clockwise = signedArea(ring) < 0;
    return (i === 0) === clockwise ? ring : [...ring].reverse();
  });
}

function signedArea(ring: number[][]): number {
  let sum = 0;
  for (let i = 1; i < ring.length; i++) sum += (ring[i]![0]! - ring[i - 1]![0]!) * (ring[i]![1]! + ring[i - 1]![1]!);
  return -sum / 2; // > 0 counter-clockwise
}
