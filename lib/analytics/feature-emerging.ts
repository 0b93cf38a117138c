import type { Feature, MultiPolygon, Point, Polygon } from "geojson";
import { EMERGING_CATEGORIES, type EmergingCategory } from "./emerging";
import { emergingFromCube, type CubeUnitResult } from "./emerging-cube";
import { FeatureInputError } from "./feature-hotspots";
import { queenContiguity } from "./polygon-contiguity";
import { squareGridWithMembership } from "./square-grid";
import { nextStep, stepContaining, type StepLength } from "@/lib/time/china-steps";

export interface FeatureEmergingOptions {
  /** Property holding each feature's time (ISO 8601 — without an offset it is China time — or milliseconds since 1970). */
  timeField: string;
  step: StepLength;
  /** Points: square cells of this many metres (default 500). */
  cellMetres: number;
  /** Polygons: the property naming the unit (features of one unit share it), and the value. */
  unitField: string;
  value?: string;
  fdr: boolean;
  trendAlpha: number;
  timeNeighbours: number;
}

export interface FeatureEmergingResult {
  units: Feature<Polygon | MultiPolygon, Record<string, unknown>>[];
  stepStarts: string[];
  found: Record<EmergingCategory, number>;
}

/**
 * Emerging hot spots on a file (`npm run analyze -- emerging`), no database:
 * - points with a time: counted per square cell (seam-free grid) and per step;
 * - a cube in long form: polygons, one feature per unit and step, with the unit's id, the step's
 *   time and a value (`--value`; without it each feature counts 1).
 * Steps are whole weeks (Monday) or months in China time, from the first to the last time seen.
 */
export function featureEmerging(features: readonly Feature[], options: FeatureEmergingOptions): FeatureEmergingResult {
  if (features.length === 0) throw new FeatureInputError("the file has no features");
  const times = features.map((f, i) => {
    const raw = f.properties?.[options.timeField];
    // A time written without an offset is the district's wall clock (China time), never this machine's.
    const text = typeof raw === "string" && /T?\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(raw) && !/(Z|[+-]\d{2}:?\d{2})$/.test(raw) ? `${raw.replace(" ", "T")}+08:00` : raw;
    const time = typeof text === "number" ? new Date(text) : typeof text === "string" ? new Date(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00+08:00` : text) : null;
    if (!time || Number.isNaN(time.getTime())) throw new FeatureInputError(`feature ${i} has no time in "${options.timeField}" (ISO 8601 or milliseconds)`);
    return time;
  });
  // Steps from the first time's step to the last's, all whole.
  const millis = times.map((t) => t.getTime());
  const first = stepContaining(new Date(millis.reduce((a, b) => Math.min(a, b))), options.step);
  const last = stepContaining(new Date(millis.reduce((a, b) => Math.max(a, b))), options.step);
  const starts: Date[] = [];
  for (let s = first; s <= last; s = nextStep(s, options.step)) starts.push(s);
  if (starts.length < 4) throw new FeatureInputError(`the times span ${starts.length} ${options.step}(s); emerging hot spots need at least 4`);
  const stepIndex = new Map(starts.map((s, i) => [s.getTime(), i]));
  const stepOf = (t: Date) => stepIndex.get(stepContaining(t, options.step).getTime())!;

  const kinds = new Set(features.map((f) => f.geometry?.type));
  let units: Feature<Polygon | MultiPolygon, Record<string, unknown>>[];
  let unitOf: number[];
  if ([...kinds].every((k) => k === "Point")) {
    const grid = squareGridWithMembership(features.map((f) => (f.geometry as Point).coordinates), options.cellMetres);
    units = grid.features.map((f) => ({ ...f, properties: { cell: f.properties.cell, col: f.properties.col, row: f.properties.row } }));
    unitOf = grid.cellOf;
  } else if ([...kinds].every((k) => k === "Polygon" || k === "MultiPolygon")) {
    const byId = new Map<string, number>();
    units = [];
    unitOf = features.map((f, i) => {
      const id = f.properties?.[options.unitField];
      if (id === undefined || id === null || id === "") throw new FeatureInputError(`feature ${i} has no "${options.unitField}" (the unit it belongs to)`);
      const key = String(id);
      if (!byId.has(key)) {
        byId.set(key, units.length);
        units.push({ type: "Feature", geometry: f.geometry as Polygon | MultiPolygon, properties: { [options.unitField]: id } });
      }
      return byId.get(key)!;
    });
  } else {
    throw new FeatureInputError(`features must be all points or all polygons, found ${[...kinds].join(", ")}`);
  }
  if (units.length < 3) throw new FeatureInputError(`need at least 3 units, got ${units.length}`);

  const counts = starts.map(() => new Array<number>(units.length).fill(0));
  features.forEach((f, i) => {
    let value = 1;
    if (options.value !== undefined) {
      value = Number(f.properties?.[options.value]);
      if (!Number.isFinite(value)) throw new FeatureInputError(`feature ${i} has no numeric "${options.value}"`);
    }
    counts[stepOf(times[i]!)]![unitOf[i]!]! += value;
  });
  const neighbours = queenContiguity(units);
  const results: CubeUnitResult[] = emergingFromCube(counts, neighbours, { fdr: options.fdr, trendAlpha: options.trendAlpha, timeNeighbours: options.timeNeighbours });
  const found = Object.fromEntries(EMERGING_CATEGORIES.map((c) => [c, 0])) as Record<EmergingCategory, number>;
  return {
    units: units.map((u, i) => {
      const r = results[i]!;
      found[r.category]++;
      return {
        ...u,
        properties: {
          ...u.properties,
          category: r.category,
          count: counts.reduce((sum, step) => sum + step[i]!, 0),
          hot_steps: r.hotSteps,
          cold_steps: r.coldSteps,
          trend_z: r.trendZ,
          trend_p: r.trendP,
          last_z: r.z[r.z.length - 1],
          count_series: counts.map((step) => step[i]!),
          z_series: r.z,
          neighbours: neighbours[i]!.length,
        },
      };
    }),
    stepStarts: starts.map((s) => s.toISOString().slice(0, 10)),
    found,
  };
}
