import { benchFetch } from "./auth";
import { Random } from "@/db/seed/prng";

export interface TileAt {
  z: number;
  x: number;
  y: number;
}

function tileOf(lon: number, lat: number, z: number): TileAt {
  const n = 2 ** z;
  const r = (lat * Math.PI) / 180;
  return { z, x: Math.floor(((lon + 180) / 360) * n), y: Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n) };
}

/**
 * A fixed, seeded set of tiles over z10–z17, drawn around the 60 busiest grid cells (most
 * events, from the density endpoint) so the benchmark looks where users look.
 */
export async function benchmarkTiles(baseUrl: string, count = 240, seed = 7): Promise<TileAt[]> {
  const density = await (await benchFetch(`${baseUrl}/api/analytics/density?unit=grid-cells&from=2000-01-01&to=2100-01-01`)).json();
  const busiest = (density.features as { properties: { count: number }; geometry: { coordinates: number[][][][] } }[])
    .sort((a, b) => b.properties.count - a.properties.count)
    .slice(0, 60)
    .map((f) => {
      const points = f.geometry.coordinates.flat(2);
      return [points.reduce((s, p) => s + p[0]!, 0) / points.length, points.reduce((s, p) => s + p[1]!, 0) / points.length] as const;
    });
  const random = new Random(seed);
  const tiles = new Map<string, TileAt>();
  for (let i = 0; tiles.size < count && i < count * 20; i++) {
    const [lon, lat] = busiest[random.int(0, busiest.length - 1)]!;
    const t = tileOf(lon + random.normal() * 0.004, lat + random.normal() * 0.004, random.int(10, 17));
    tiles.set(`${t.z}/${t.x}/${t.y}`, t);
  }
  return [...tiles.values()].sort((a, b) => a.z - b.z || a.x - b.x || a.y - b.y);
}
