/**
 * Offline analysis and checks against other tools.
 *
 *   npm run analyze -- hotspots --in <file.geojson> --value <property> [--weights queen|distance|distance:<metres>]
 *                      [--no-fdr] [--alpha 0.05] [--planar] --out <file.geojson>
 *   npm run analyze -- grid --in <points.geojson> --cell <metres> --out <grid.geojson>   (count points per square)
 *   npm run analyze -- emerging --in <file.geojson> --time-field <property> [--step week|month] [--cell <metres>]
 *                      [--unit-field code] [--value <property>] [--time-neighbours 0] [--no-fdr] [--trend-alpha 0.05] --out <file.geojson>
 *   npm run analyze -- density|coverage|hotspots-db [--unit ...] [--from ...] [--to ...] [...API parameters] --out <file>
 *
 * `hotspots` adds gi_z, gi_p, gi_p_fdr (Benjamini–Hochberg), gi_sig, gi_bin (−3..3) and neighbours
 * to every feature. Distances are metres on the sphere for lon/lat input; pass --planar for
 * projected or unitless coordinates (e.g. PySAL's test points).
 */
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import fs from "node:fs";
import type { Feature, FeatureCollection, Point } from "geojson";
import { ZodError } from "zod";
import { featureHotspots, FeatureInputError } from "@/lib/analytics/feature-hotspots";
import { featureEmerging } from "@/lib/analytics/feature-emerging";
import { squareGrid } from "@/lib/analytics/square-grid";

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
  const out = text(flags, "out");
  const fdr = !flags["no-fdr"];
  const alpha = Number(text(flags, "alpha", "0.05"));
  const { results, described } = featureHotspots(input.features, {
    value: text(flags, "value"),
    weights: typeof flags.weights === "string" ? flags.weights : undefined,
    fdr,
    alpha,
    metric: flags.planar ? "planar" : "geographic",
  });
  const output: FeatureCollection = {
    ...input,
    features: input.features.map((f, i) => {
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
    `Gi* on ${input.features.length} features, ${described}, FDR ${fdr ? "on" : "off"}, alpha ${alpha}: ` +
      `${hot} hot, ${cold} cold, ${results.filter((r) => r.significant).length} significant` +
      (isolated ? `, ${isolated} without neighbours (z = 0)` : "") +
      ` → ${out}`,
  );
}

/** Count points per square cell of `cell` metres; neighbouring cells share exact edges (lib/analytics/square-grid.ts). */
function gridFromPoints(flags: Record<string, string | true>): void {
  const input = readCollection(text(flags, "in"));
  const cell = Number(text(flags, "cell", "500"));
  if (!(cell > 0)) throw new UsageError("--cell must be a positive number of metres");
  const coords = input.features.filter((f) => f.geometry?.type === "Point").map((f) => (f.geometry as Point).coordinates);
  if (coords.length === 0) throw new UsageError("no point features in the input");
  const features = squareGrid(coords, cell);
  fs.writeFileSync(text(flags, "out"), JSON.stringify({ type: "FeatureCollection", features }));
  console.log(`${coords.length} points → ${features.length} cells of ${cell} m → ${text(flags, "out")}`);
}

/** Emerging hot spots on a file of points with times, or of units with per-step values. */
function emergingFromFile(flags: Record<string, string | true>): void {
  const input = readCollection(text(flags, "in"));
  const step = text(flags, "step", "week");
  if (step !== "week" && step !== "month") throw new UsageError("--step must be week or month");
  const options = {
    timeField: text(flags, "time-field"),
    step: step as "week" | "month",
    cellMetres: Number(text(flags, "cell", "500")),
    unitField: text(flags, "unit-field", "code"),
    value: typeof flags.value === "string" ? flags.value : undefined,
    fdr: !flags["no-fdr"],
    trendAlpha: Number(text(flags, "trend-alpha", "0.05")),
    timeNeighbours: Number(text(flags, "time-neighbours", "0")),
  };
  if (!(options.cellMetres > 0)) throw new UsageError("--cell must be a positive number of metres");
  if (!(options.trendAlpha > 0 && options.trendAlpha <= 0.5)) throw new UsageError("--trend-alpha must be between 0 and 0.5");
  if (!Number.isInteger(options.timeNeighbours) || options.timeNeighbours < 0) throw new UsageError("--time-neighbours must be a whole number ≥ 0");
  const result = featureEmerging(input.features, options);
  const out = text(flags, "out");
  fs.writeFileSync(out, JSON.stringify({ type: "FeatureCollection", features: result.units, step_starts: result.stepStarts }));
  const found = Object.entries(result.found).filter(([, n]) => n > 0).map(([c, n]) => `${c} ${n}`).join(", ");
  console.log(`emerging hot spots on ${result.units.length} units × ${result.stepStarts.length} ${step}s (time neighbours ${options.timeNeighbours}, FDR ${options.fdr ? "on" : "off"}): ${found} → ${out}`);
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
    case "emerging":
      return emergingFromFile(flags);
    case "density":
    case "coverage":
    case "hotspots-db":
      return fromDatabase(command, flags);
    default:
      throw new UsageError(`unknown command "${command}"; use hotspots, grid, emerging, density, coverage or hotspots-db`);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    if (error instanceof UsageError || error instanceof FeatureInputError) console.error(`analyze: ${error.message}`);
    else if (error instanceof ZodError) console.error(`analyze: ${error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("; ")}`);
    else console.error(`analyze: ${(error as Error)?.message ?? error}`);
    process.exit(1);
  },
);
