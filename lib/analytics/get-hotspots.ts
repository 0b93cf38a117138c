import type { Actor } from "@/lib/auth/actor";
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from "geojson";
import { z } from "zod";
import type { Db } from "@/lib/db/types";
import { scopeAnalysis } from "./analysis-scope";
import { BadRequestError } from "@/lib/http/errors";
import { hotspots } from "./getis-ord";
import { analysisParams, hotspotFields } from "./params";
import { loadUnits, unitFeature } from "./units";
import { countEvents } from "./count-events";
import { unitWeights } from "./unit-weights";

export const HotspotParams = analysisParams(hotspotFields);
export type HotspotParams = z.output<typeof HotspotParams>;

export const HotspotSummary = z.object({
  method: z.literal("Getis-Ord Gi*"),
  unit: z.string(),
  resolution: z.number().nullable(),
  weights: z.union([z.object({ kind: z.literal("queen") }), z.object({ kind: z.literal("distance"), metres: z.number(), automatic: z.boolean() })]),
  fdr: z.boolean(),
  alpha: z.number(),
  from: z.string(),
  to: z.string(),
  categories: z.array(z.string()).nullable(),
  street: z.string().nullable(),
  units: z.number().int(),
  events: z.number().int(),
  hot: z.number().int(),
  cold: z.number().int(),
  significant: z.number().int(),
  units_without_neighbours: z.number().int(),
  run_ms: z.number(),
});
export type HotspotSummary = z.infer<typeof HotspotSummary>;

export interface HotspotProperties {
  code: string;
  name_zh: string;
  name_en: string;
  count: number;
  area_km2: number;
  gi_z: number;
  gi_p: number;
  gi_p_fdr: number;
  gi_sig: boolean;
  gi_bin: number;
  neighbours: number;
}

export type HotspotCollection = FeatureCollection<Polygon | MultiPolygon, HotspotProperties> & { summary: HotspotSummary };

/** Gi* hot and cold spots of event counts per unit, for a window, categories and street. */
export async function getHotspots(db: Db, actor: Actor, input: HotspotParams): Promise<HotspotCollection> {
  const params: HotspotParams = scopeAnalysis(actor, input);
  const started = performance.now();
  const units = await loadUnits(db, params.unit, params.resolution, params.street);
  if (units.units.length < 3) {
    throw new BadRequestError(`hot spot analysis needs at least 3 units; ${params.unit} in this scope gives ${units.units.length}`);
  }
  const [{ counts }, weights] = await Promise.all([
    countEvents(db, units, params, null),
    unitWeights(db, units, params.weights, params.street),
  ]);
  const values = counts[0] as number[];
  const results = hotspots(values, weights.neighbours, { fdr: params.fdr, alpha: params.alpha });
  const features: Feature<Polygon | MultiPolygon, HotspotProperties>[] = units.units.map((u, i) => {
    const r = results[i]!;
    return unitFeature(u, {
      count: values[i] as number,
      area_km2: round(u.areaKm2, 6),
      gi_z: r.z,
      gi_p: r.p,
      gi_p_fdr: r.pFdr,
      gi_sig: r.significant,
      gi_bin: r.bin,
      neighbours: r.neighbours,
    });
  });
  const summary = HotspotSummary.parse({
    method: "Getis-Ord Gi*",
    unit: params.unit,
    resolution: units.resolution,
    weights: weights.description,
    fdr: params.fdr,
    alpha: params.alpha,
    from: params.from.toISOString(),
    to: params.to.toISOString(),
    categories: params.categories,
    street: params.street ?? null,
    units: units.units.length,
    events: values.reduce((a, b) => a + b, 0),
    hot: results.filter((r) => r.bin > 0).length,
    cold: results.filter((r) => r.bin < 0).length,
    significant: results.filter((r) => r.significant).length,
    units_without_neighbours: results.filter((r) => r.neighbours === 0).length,
    run_ms: Math.round(performance.now() - started),
  });
  return { type: "FeatureCollection", features, summary };
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
