import type { Actor } from "@/lib/auth/actor";
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from "geojson";
import { z } from "zod";
import type { Db } from "@/lib/db/types";
import { scopeAnalysis } from "./analysis-scope";
import { BadRequestError } from "@/lib/http/errors";
import { EMERGING_CATEGORIES, type EmergingCategory } from "./emerging";
import { emergingFromCube } from "./emerging-cube";
import { analysisParams, booleanFlag, hotspotFields } from "./params";
import { loadUnits, unitFeature } from "./units";
import { countEvents } from "./count-events";
import { unitWeights } from "./unit-weights";

export const EmergingParams = analysisParams(
  {
    ...hotspotFields,
    step: z.enum(["week", "month"]).default("week"),
    trend_alpha: z.coerce.number().gt(0).max(0.5).default(0.05),
    series: booleanFlag.default(false),
    time_neighbours: z.coerce.number().int().min(0).max(12).default(0),
  },
  364, // a year of weekly steps by default
);
export type EmergingParams = z.output<typeof EmergingParams>;

export interface EmergingProperties {
  code: string;
  name_zh: string;
  name_en: string;
  category: EmergingCategory;
  count: number;
  hot_steps: number;
  cold_steps: number;
  trend_z: number;
  trend_p: number;
  last_z: number;
  z_series?: number[];
}

export interface EmergingSummary {
  method: "Emerging hot spots: Gi* per time step + Mann-Kendall trend";
  unit: string;
  resolution: number | null;
  step: "week" | "month";
  steps: number;
  step_starts: string[];
  weights: unknown;
  fdr: boolean;
  significance: "90% confidence (Gi_Bin ≠ 0) at each step";
  trend_alpha: number;
  /** Previous steps whose values count as neighbours (0 = each step on its own). */
  time_neighbours: number;
  from: string;
  to: string;
  categories: string[] | null;
  street: string | null;
  units: number;
  categories_found: Record<EmergingCategory, number>;
  run_ms: number;
}

export type EmergingCollection = FeatureCollection<Polygon | MultiPolygon, EmergingProperties> & { summary: EmergingSummary };

/**
 * Emerging hot spot analysis (after ArcGIS Pro): Gi* of each unit in each time step with the
 * same weights, then each unit's history classified (see emerging.ts for the exact rules).
 */
export async function getEmergingHotspots(db: Db, actor: Actor, input: EmergingParams): Promise<EmergingCollection> {
  const params: EmergingParams = scopeAnalysis(actor, input);
  const started = performance.now();
  const units = await loadUnits(db, params.unit, params.resolution, params.street);
  if (units.units.length < 3) throw new BadRequestError(`emerging hot spot analysis needs at least 3 units, got ${units.units.length}`);
  const [{ counts, steps }, weights] = await Promise.all([
    countEvents(db, units, params, params.step),
    unitWeights(db, units, params.weights, params.street),
  ]);
  if (steps.length < 4) throw new BadRequestError(`the window has ${steps.length} ${params.step}s; emerging hot spots need at least 4 time steps`);

  // Gi* per step (or on the space-time cube); bins at 90 % confidence are "significant" in a step.
  const results = emergingFromCube(counts, weights.neighbours, { fdr: params.fdr, trendAlpha: params.trend_alpha, timeNeighbours: params.time_neighbours });
  const found = Object.fromEntries(EMERGING_CATEGORIES.map((c) => [c, 0])) as Record<EmergingCategory, number>;
  const features: Feature<Polygon | MultiPolygon, EmergingProperties>[] = units.units.map((u, i) => {
    const result = results[i]!;
    const zs = result.z;
    found[result.category]++;
    return unitFeature(u, {
      category: result.category,
      count: counts.reduce((sum, step) => sum + (step[i] as number), 0),
      hot_steps: result.hotSteps,
      cold_steps: result.coldSteps,
      trend_z: result.trendZ,
      trend_p: result.trendP,
      last_z: zs[zs.length - 1] as number,
      ...(params.series ? { z_series: zs } : {}),
    });
  });
  return {
    type: "FeatureCollection",
    features,
    summary: {
      method: "Emerging hot spots: Gi* per time step + Mann-Kendall trend",
      unit: params.unit,
      resolution: units.resolution,
      step: params.step,
      steps: steps.length,
      step_starts: steps.map((d) => d.toISOString().slice(0, 10)),
      weights: weights.description,
      fdr: params.fdr,
      significance: "90% confidence (Gi_Bin ≠ 0) at each step",
      trend_alpha: params.trend_alpha,
      time_neighbours: params.time_neighbours,
      from: params.from.toISOString(),
      to: params.to.toISOString(),
      categories: params.categories,
      street: params.street ?? null,
      units: units.units.length,
      categories_found: found,
      run_ms: Math.round(performance.now() - started),
    },
  };
}
