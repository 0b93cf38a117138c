import { classifyEmerging, type EmergingResult } from "./emerging";
import { hotspotBins, hotspots, type Neighbours } from "./getis-ord";

export interface CubeOptions {
  fdr: boolean;
  /** Mann–Kendall significance for intensifying / diminishing. */
  trendAlpha: number;
  /**
   * Space-time neighbours: how many previous steps count too (ArcGIS Pro's Neighborhood Time
   * Step). 0 (the default) = each step on its own.
   */
  timeNeighbours: number;
}

export interface CubeUnitResult extends EmergingResult {
  /** Gi* z per step, oldest first. */
  z: number[];
  bins: number[];
}

/**
 * Emerging hot spots over a space-time cube: `counts[t][i]` is unit i's value in step t.
 *
 * timeNeighbours = 0: Gi* in each step on its own (mean and deviation of that step), FDR per step.
 * timeNeighbours = k > 0: Gi* on the whole cube (n = units × steps, mean and deviation of all
 *   bins, FDR over all bins), where bin (t, i)'s neighbours are i's spatial neighbours in step t
 *   and unit i and its spatial neighbours in steps t − 1 … t − k (as ArcGIS Pro's Emerging Hot
 *   Spot Analysis with its default global window; sfdep instead standardises each slice alone).
 * A step is hot / cold when its Gi_Bin ≠ 0 (90 % confidence); each unit's history is then
 * classified by classifyEmerging.
 */
export function emergingFromCube(counts: readonly (readonly number[])[], neighbours: Neighbours, options: CubeOptions): CubeUnitResult[] {
  const steps = counts.length;
  const n = neighbours.length;
  const k = options.timeNeighbours;
  if (!Number.isInteger(k) || k < 0) throw new Error("time neighbours must be a whole number ≥ 0");
  let z: number[][];
  let bins: number[][];
  if (k === 0) {
    const perStep = counts.map((values) => hotspotBins(values, neighbours, { fdr: options.fdr, alpha: 0.1 }));
    z = perStep.map((step) => step.z);
    bins = perStep.map((step) => Array.from(step.bins));
  } else {
    const flat: number[] = [];
    const cubeNeighbours: number[][] = [];
    for (let t = 0; t < steps; t++) {
      for (let i = 0; i < n; i++) {
        flat.push(counts[t]![i]!);
        const list = neighbours[i]!.map((j) => t * n + j);
        for (let lag = 1; lag <= k && t - lag >= 0; lag++) {
          const base = (t - lag) * n;
          list.push(base + i, ...neighbours[i]!.map((j) => base + j));
        }
        cubeNeighbours.push(list.sort((a, b) => a - b));
      }
    }
    const results = hotspots(flat, cubeNeighbours, { fdr: options.fdr, alpha: 0.1 });
    z = Array.from({ length: steps }, (_, t) => results.slice(t * n, (t + 1) * n).map((r) => r.z));
    bins = Array.from({ length: steps }, (_, t) => results.slice(t * n, (t + 1) * n).map((r) => r.bin));
  }
  return Array.from({ length: n }, (_, i) => {
    const zi = z.map((step) => step[i]!);
    const bi = bins.map((step) => step[i]!);
    return { ...classifyEmerging(bi, zi, { trendAlpha: options.trendAlpha, mostlyShare: 0.9 }), z: zi, bins: bi };
  });
}
