/**
 * Offline analysis and checks against other tools.
 *
 *   npm run analyze -- hotspots --in <file.geojson> --value <property> [--weights queen|distance|distance:<metres>]
 *                      [--no-fdr] [--alpha 0.05] [--planar] --out <file.geojson>
 *   npm run analyze -- grid --in <points.geojson> --cell <metres> --out <grid.geojson>   (count points per square)
 *   npm run analyze -- density|coverage|hotspots-db [--unit ...] [--from ...] [--to ...] [...API parameters] --out <file>
 *
 * `hotspots` adds gi_z, gi_p, gi_p_fdr (Benjamini–Hochberg), gi_sig, gi_bin (−3..3) and neighbours
 * to every feature. Distances are metres on the sphere for lon/lat input; pass --planar for
 * projected or unitless coordinates (e.g. PySAL's test points).
 */
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import fs from "node:fs";
import { centroid } from "@turf/turf";
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Point, Polygon } from "geojson";
import { ZodError } from "zod";
import { hotspots } from "@/lib/analytics/getis-ord";
import { queenContiguity } from "@/lib/analytics/polygon-contiguity";
import { distanceBandNeighbours, minimumDistanceBand, type Metric } from "@/lib/analytics/weights";

class UsageError extends Error {}

function parseFlags(argv: string[]): { command: string; flags: Record<string, string | true> } {
  const [command = "", ...rest] = argv;
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] as string;
    if (!arg.startsWith("--")) throw new UsageError(`unexpected argument "${arg}"`);
    const key = arg.slice(2);
    const next = rest[i + 1];
    if (next === undefined || next.startsWith("--")) flags[key] = true;
    else {
      flags[key] = next;
      i++;
    }
  }
  return { command, flags };
}

const text = (flags: Record<string, string | true>, key: string, fallback?: string): string => {
  const v = flags[key];
  if (typeof v === "string") return v;
  if (fallback !== undefined) return fallback;
  throw new UsageError(`--${key} is required`);
};

function readCollection(path: string): FeatureCollection {
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(path, "utf8"));
  } catch (error) {
    throw new UsageError(`cannot read ${path} as JSON: ${(error as Error).message}`);
  }
  const fc = data as FeatureCollection;
  if (Array.isArray(data)) return { type: "FeatureCollection", features: data as Feature[] };
  if (fc?.type !== "FeatureCollection" || !Array.isArray(fc.features)) throw new UsageError(`${path} is not a GeoJSON FeatureCollection`);
  return fc;
}

function hotspotsFromFile(flags: Record<string, string | true>): void {
  const input = readCollection(text(flags, "in"));
  const property = text(flags, "value");
  const out = text(flags, "out");
  const alpha = Number(text(flags, "alpha", "0.05"));
  if (!(alpha > 0 && alpha <= 0.5)) throw new UsageError("--alpha must be between 0 and 0.5");
  const features = input.features;
  if (features.length < 3) throw new UsageError("need at least 3 features");
  const values = features.map((f, i) => {
    const v = Number(f.properties?.[property]);
    if (f.properties?.[property] === null || f.properties?.[property] === undefined || !Number.isFinite(v)) {
      throw new UsageError(`feature ${i} has no numeric "${property}" property`);
    }
    return v;
  });
  const kinds = new Set(features.map((f) => f.geometry?.type));
  const polygons = [...kinds].every((k) => k === "Polygon" || k === "MultiPolygon");
  const points = [...kinds].every((k) => k === "Point");
  if (!polygons && !points) throw new UsageError(`features must be all polygons or all points, found ${[...kinds].join(", ")}`);
  const weights = text(flags, "weights", polygons ? "queen" : "distance");
  const metric: Metric = flags.planar ? "planar" : "geographic";

  let neighbours;
  let described: string;
  if (weights === "queen") {
    if (!polygons) throw new UsageError("queen contiguity needs polygons; use --weights distance:<metres> for points");
    neighbours = queenContiguity(features as Feature<Polygon | MultiPolygon>[]);
    described = "queen contiguity";
  } else {
    const match = /^distance(?::(\d+(?:\.\d+)?))?$/.exec(weights);
    if (!match) throw new UsageError("--weights must be queen, distance or distance:<metres>");
    const centres = features.map((f) =>
      f.geometry.type === "Point" ? ((f.geometry as Point).coordinates as [number, number]) : (centroid(f as Feature<Geometry>).geometry.coordinates as [number, number]),
    );
    const band = match[1] ? Number(match[1]) : minimumDistanceBand(centres, metric);
    neighbours = distanceBandNeighbours(centres, band, metric);
    described = `distance band ${band}${metric === "planar" ? " (planar units)" : " m"}${match[1] ? "" : " (smallest giving every feature a neighbour)"}`;
  }
  const fdr = !flags["no-fdr"];
  const results = hotspots(values, neighbours, { fdr, alpha });
  const output: FeatureCollection = {
    ...input,
    features: features.map((f, i) => {
      const r = results[i]!;
      return {
        ...f,
        properties: { ...f.properties, gi_z: r.z, gi_p: r.p, gi_p_fdr: r.pFdr, gi_sig: r.significant, gi_bin: r.bin, neighbours: r.neighbours },
      };
    }),
  };
  fs.writeFileSync(out, JSON.stringify(output));
  const hot = results.filter((r) => r.bin > 0).length;
  const cold = results.filter((r) => r.bin < 0).length;
  const isolated = results.filter((r) => r.neighbours === 0).length;
  console.log(
    `Gi* on ${features.length} features, ${described}, FDR ${fdr ? "on" : "off"}, alpha ${alpha}: ` +
      `${hot} hot, ${cold} cold, ${results.filter((r) => r.significant).length} significant` +
      (isolated ? `, ${isolated} without neighbours (z = 0)` : "") +
      ` → ${out}`,
  );
}

/** Count points per square cell of `cell` metres (an equirectangular grid around the data). */
function gridFromPoints(flags: Record<string, string | true>): void {
  const input = readCollection(text(flags, "in"));
  const cell = Number(text(flags, "cell", "500"));
  if (!(cell > 0)) throw new UsageError("--cell must be a positive number of metres");
  const coords = input.features.filter((f) => f.geometry?.type === "Point").map((f) => (f.geometry as Point).coordinates as [number, number]);
  if (coords.length === 0) throw new UsageError("no point features in the input");
  const west = Math.min(...coords.map((c) => c[0]));
  const south = Math.min(...coords.map((c) => c[1]));
  const midLat = (south + Math.max(...coords.map((c) => c[1]))) / 2;
  const dLat = cell / 110_574;
  const dLon = cell / (111_320 * Math.cos((midLat * Math.PI) / 180));
  const counts = new Map<string, number>();
  for (const [x, y] of coords) {
    const key = `${Math.floor((x - west) / dLon)}:${Math.floor((y - south) / dLat)}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  // Fill the bounding grid, zeros included: Gi* needs the empty cells too.
  const maxCol = Math.max(...[...counts.keys()].map((k) => Number(k.split(":")[0])));
  const maxRow = Math.max(...[...counts.keys()].map((k) => Number(k.split(":")[1])));
  const features: Feature<Polygon>[] = [];
  for (let r = 0; r <= maxRow; r++) {
    for (let c = 0; c <= maxCol; c++) {
      const x0 = west + c * dLon;
      const y0 = south + r * dLat;
      features.push({
        type: "Feature",
        properties: { cell: `${c}:${r}`, count: counts.get(`${c}:${r}`) ?? 0 },
        geometry: { type: "Polygon", coordinates: [[[x0, y0], [x0 + dLon, y0], [x0 + dLon, y0 + dLat], [x0, y0 + dLat], [x0, y0]]] },
      });
    }
  }
  fs.writeFileSync(text(flags, "out"), JSON.stringify({ type: "FeatureCollection", features }));
  console.log(`${coords.length} points → ${features.length} cells of ${cell} m → ${text(flags, "out")}`);
}

async function fromDatabase(command: string, flags: Record<string, string | true>): Promise<void> {
  const out = text(flags, "out");
  const params = Object.fromEntries(Object.entries(flags).filter(([k]) => k !== "out").map(([k, v]) => [k, String(v)]));
  const { openDatabase } = await import("@/lib/db/client");
  const database = await openDatabase();
  try {
    let result: { summary: unknown };
    if (command === "density") {
      const { getDensity, DensityParams } = await import("@/lib/analytics/get-density");
      result = await getDensity(database.db, SYSTEM_ACTOR, DensityParams.parse(params));
    } else if (command === "coverage") {
      const { getCoverage, CoverageParams } = await import("@/lib/analytics/get-coverage");
      result = await getCoverage(database.db, SYSTEM_ACTOR, CoverageParams.parse(params));
    } else {
      const { getHotspots, HotspotParams } = await import("@/lib/analytics/get-hotspots");
      result = await getHotspots(database.db, SYSTEM_ACTOR, HotspotParams.parse(params));
    }
    fs.writeFileSync(out, JSON.stringify(result));
    console.log(JSON.stringify(result.summary, null, 2));
  } finally {
    await database.close();
  }
}

async function main(): Promise<void> {
  const { command, flags } = parseFlags(process.argv.slice(2));
  switch (command) {
    case "hotspots":
      return hotspotsFromFile(flags);
    case "grid":
      return gridFromPoints(flags);
    case "density":
    case "coverage":
    case "hotspots-db":
      return fromDatabase(command, flags);
    default:
      throw new UsageError(`unknown command "${command}"; use hotspots, grid, density, coverage or hotspots-db`);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    if (error instanceof UsageError) console.error(`analyze: ${error.message}`);
    else if (error instanceof ZodError) console.error(`analyze: ${error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("; ")}`);
    else console.error(`analyze: ${(error as Error)?.message ?? error}`);
    process.exit(1);
  },
);
