import { benjaminiHochberg } from "./fdr";
import { twoSidedP } from "./normal";

/** Binary weights as neighbour lists: neighbours[i] lists j ≠ i with w_ij = 1. */
export type Neighbours = readonly (readonly number[])[];

export interface LocalGOptions {
  /** Gi* (self included, w_ii = 1) when true; Gi (self excluded) when false. */
  star: boolean;
}

export interface LocalGResult {
  z: number[];
  p: number[];
}

/**
 * Local Getis–Ord statistics with binary weights, as z-scores (Ord & Getis 1995).
 *
 * Gi*: z_i = (Σ_j w_ij x_j − x̄ W_i) / ( s · sqrt( (n S1_i − W_i²) / (n − 1) ) )
 *   with W_i = Σ_j w_ij and S1_i = Σ_j w_ij² over all j including i, x̄ and s the population
 *   mean and standard deviation of all n values.
 * Gi: the same with i left out: j ≠ i, n − 1 values, x̄_i and s_i computed without x_i,
 *   denominator sqrt( ((n − 1) S1_i − W_i²) / (n − 2) ).
 *
 * Where the statistic is undefined (zero variance, a unit with no neighbours for Gi, or every
 * unit its neighbour) z is 0 and p is 1 — never NaN.
 */
export function localG(values: readonly number[], neighbours: Neighbours, options: LocalGOptions): LocalGResult {
  const n = values.length;
  if (neighbours.length !== n) throw new Error(`neighbours has ${neighbours.length} entries for ${n} values`);
  let sum = 0;
  let sumSq = 0;
  for (const x of values) {
    if (!Number.isFinite(x)) throw new Error("values must be finite numbers");
    sum += x;
    sumSq += x * x;
  }
  const z = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    const list = neighbours[i] as readonly number[];
    let local = 0;
    for (const j of list) local += values[j] as number;
    let count: number; // n, or n − 1 for Gi
    let mean: number;
    let sd: number;
    let weight: number; // W_i = S1_i for binary weights
    if (options.star) {
      local += values[i] as number;
      count = n;
      mean = sum / n;
      sd = Math.sqrt(Math.max(0, sumSq / n - mean * mean));
      weight = list.length + 1;
    } else {
      const xi = values[i] as number;
      count = n - 1;
      mean = (sum - xi) / count;
      sd = Math.sqrt(Math.max(0, (sumSq - xi * xi) / count - mean * mean));
      weight = list.length;
    }
    const variance = (count * weight - weight * weight) / (count - 1);
    if (!(sd > 1e-12 * Math.max(1, Math.abs(mean))) || !(variance > 0) || weight === 0) continue;
    z[i] = (local - mean * weight) / (sd * Math.sqrt(variance));
  }
  return { z, p: z.map(twoSidedP) };
}

export interface HotspotUnitResult {
  z: number;
  p: number;
  /** Benjamini–Hochberg adjusted p (equal to p when FDR is off). */
  pFdr: number;
  /** Significant at alpha (on the FDR-adjusted p when FDR is on). */
  significant: boolean;
  /** ArcGIS-style Gi_Bin: ±3 / ±2 / ±1 = hot/cold at 99 / 95 / 90 % confidence, 0 not significant. */
  bin: -3 | -2 | -1 | 0 | 1 | 2 | 3;
  neighbours: number;
}

export interface HotspotOptions {
  fdr: boolean;
  alpha: number;
}

/**
 * Gi* hot and cold spots with significance classes. With FDR on (the default, as ArcGIS's
 * "Apply False Discovery Rate Correction"), each confidence level's test uses the BH-adjusted
 * p-values, i.e. a unit is hot at 95 % when its adjusted p ≤ 0.05.
 */
export function hotspots(values: readonly number[], neighbours: Neighbours, options: HotspotOptions): HotspotUnitResult[] {
  const { z, p, pFdr, bins } = hotspotBins(values, neighbours, options);
  return z.map((zi, i) => ({
    z: zi,
    p: p[i] as number,
    pFdr: pFdr[i] as number,
    significant: (pFdr[i] as number) <= options.alpha && zi !== 0,
    bin: bins[i] as HotspotUnitResult["bin"],
    neighbours: (neighbours[i] as readonly number[]).length,
  }));
}

/**
 * The same as `hotspots` as plain arrays (z, p, adjusted p, Gi_Bin), for callers that run it
 * many times — an emerging hot spot run does once per time step — and need no object per unit.
 */
export function hotspotBins(values: readonly number[], neighbours: Neighbours, options: HotspotOptions): { z: number[]; p: number[]; pFdr: number[]; bins: Int8Array } {
  const { z, p } = localG(values, neighbours, { star: true });
  const pFdr = options.fdr ? benjaminiHochberg(p) : p;
  const bins = new Int8Array(z.length);
  for (let i = 0; i < z.length; i++) {
    const q = pFdr[i] as number;
    const level = q <= 0.01 ? 3 : q <= 0.05 ? 2 : q <= 0.1 ? 1 : 0;
    bins[i] = z[i] === 0 ? 0 : Math.sign(z[i] as number) * level; // an Int8Array holds no −0
  }
  return { z, p, pFdr, bins };
}
