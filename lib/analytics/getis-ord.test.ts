import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { benjaminiHochberg } from "./fdr";
import { hotspots, localG } from "./getis-ord";
import { twoSidedP } from "./normal";
import { distanceBandNeighbours } from "./weights";

// PySAL esda's published test case (its values are transcribed in ESDA below, so the test runs
// without ../shared; when ../shared is present we also check our copy matches it).
const POINTS: [number, number][] = [[10, 10], [20, 10], [40, 10], [15, 20], [30, 20], [30, 30]];
const Y = [2, 3, 3.2, 5, 8, 7];
const ESDA = {
  gi: [-1.0136729, -0.04361589, 1.31558703, -0.31412676, 1.15373986, 1.77833941],
  giStar: [-1.39727626, -0.28917762, 0.65064964, -0.28917762, 1.23452088, 2.02424331],
};

describe("Getis–Ord Gi and Gi* reproduce PySAL esda", () => {
  const neighbours = distanceBandNeighbours(POINTS, 15, "planar");

  it("builds esda's distance-band neighbours (a pair at exactly 15 counts)", () => {
    expect(neighbours).toEqual([[1, 3], [0, 3, 4], [4], [0, 1, 4], [1, 2, 3, 5], [4]]);
  });

  it("Gi z-scores", () => {
    const { z } = localG(Y, neighbours, { star: false });
    z.forEach((v, i) => expect(Math.abs(v - ESDA.gi[i]!)).toBeLessThan(1e-6));
  });

  it("Gi* z-scores", () => {
    const { z } = localG(Y, neighbours, { star: true });
    z.forEach((v, i) => expect(Math.abs(v - ESDA.giStar[i]!)).toBeLessThan(1e-6));
  });

  const reference = path.resolve(import.meta.dirname, "../../../shared/reference/esda-getisord/esda_expected.json");
  it.skipIf(!fs.existsSync(reference))("matches the reference file in ../shared", () => {
    const expected = JSON.parse(fs.readFileSync(reference, "utf8"));
    expect(expected.docstring_full_vectors.Gi_binary_Zs).toEqual(ESDA.gi);
    expect(expected.docstring_full_vectors.Gistar_binary_Zs).toEqual(ESDA.giStar);
  });
});

describe("Gi* on a hand-checked 3×3 grid (queen contiguity)", () => {
  // Cells numbered row by row; the centre (4) has value 9, all others 1.
  //   0 1 2
  //   3 4 5
  //   6 7 8
  const queen = Array.from({ length: 9 }, (_, i) => {
    const [r, c] = [Math.floor(i / 3), i % 3];
    const out: number[] = [];
    for (let j = 0; j < 9; j++) {
      const [rj, cj] = [Math.floor(j / 3), j % 3];
      if (j !== i && Math.abs(rj - r) <= 1 && Math.abs(cj - c) <= 1) out.push(j);
    }
    return out;
  });
  const values = [1, 1, 1, 1, 9, 1, 1, 1, 1];

  it("matches the formula worked by hand", () => {
    // n = 9, x̄ = 17/9, s² = Σx²/n − x̄² = 89/9 − 289/81 = 512/81, s = 16√2/9.
    // Corner 0: W = 4 (self + 3), Σ w x = 1 + 1 + 1 + 9 = 12.
    //   z = (12 − 4·17/9) / (s · sqrt((9·4 − 16)/8)) = (40/9) / ((16√2/9) · √2.5) = 40 / (16√5) = √5/2.
    // Centre 4: W = 9, Σ w x = 17 → numerator 17 − 17 = 0 → z = 0.
    // Edge 1: W = 6, Σ = 1+1+1+1+9+1 = 14 → (14 − 6·17/9)/(s·sqrt((54−36)/8)) = (24/9)/((16√2/9)·1.5) = 1/√2.
    const { z } = localG(values, queen, { star: true });
    expect(z[0]).toBeCloseTo(Math.sqrt(5) / 2, 12);
    expect(z[4]).toBeCloseTo(0, 12);
    expect(z[1]).toBeCloseTo(1 / Math.SQRT2, 12);
  });

  it("gives z = 0 and p = 1 (no NaN) when all values are equal or a unit has no neighbours", () => {
    const flat = localG(new Array(9).fill(3), queen, { star: true });
    expect(flat.z.every((v) => v === 0)).toBe(true);
    expect(flat.p.every((v) => v === 1)).toBe(true);
    const isolated = localG([1, 2, 3], [[], [2], [1]], { star: false });
    expect(isolated.z[0]).toBe(0);
    expect(isolated.z.every(Number.isFinite)).toBe(true);
  });
});

describe("p-values and FDR", () => {
  it("two-sided p from an accurate erfc", () => {
    expect(twoSidedP(1.959963984540054)).toBeCloseTo(0.05, 15);
    expect(twoSidedP(-2.5758293035489)).toBeCloseTo(0.01, 14);
    expect(twoSidedP(0)).toBe(1);
    // Far tail, where 1 − Φ(z) in double precision would lose every digit: 2·Q(10) = 1.5239706048321186e-23.
    expect(twoSidedP(10) / 1.5239706048321186e-23).toBeCloseTo(1, 12);
  });

  it("Benjamini–Hochberg matches a hand computation", () => {
    // m = 5, sorted p: 0.01 0.02 0.03 0.04 0.5 → m·p/k: 0.05 0.05 0.05 0.05 0.5 → running min from the top.
    expect(benjaminiHochberg([0.04, 0.5, 0.01, 0.03, 0.02])).toEqual([0.05, 0.5, 0.05, 0.05, 0.05].map((v) => expect.closeTo(v, 15)));
    // m = 8: m·p/k = 0.008 0.032 0.104 0.082 0.0672 0.08 0.0845714 0.205; running minimum from the top.
    const r = [0.008, 0.032, 0.0672, 0.0672, 0.0672, 0.08, 0.59200000000000004 / 7, 0.205];
    benjaminiHochberg([0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205]).forEach((q, i) => expect(q).toBeCloseTo(r[i]!, 15));
  });

  it("classes hot and cold spots like ArcGIS Gi_Bin, FDR changing the decision near the threshold", () => {
    // A line of 20 units, a cluster of high values at one end and low at the other.
    const values = Array.from({ length: 20 }, (_, i) => (i < 3 ? 30 : i > 16 ? 0 : 10));
    const line = values.map((_, i) => [i - 1, i + 1].filter((j) => j >= 0 && j < 20));
    const raw = hotspots(values, line, { fdr: false, alpha: 0.05 });
    const corrected = hotspots(values, line, { fdr: true, alpha: 0.05 });
    expect(raw[0]!.bin).toBeGreaterThan(0);
    expect(raw[19]!.bin).toBeLessThanOrEqual(0);
    for (let i = 0; i < 20; i++) {
      expect(Math.abs(corrected[i]!.bin)).toBeLessThanOrEqual(Math.abs(raw[i]!.bin)); // FDR never adds significance
      expect(corrected[i]!.pFdr).toBeGreaterThanOrEqual(corrected[i]!.p);
    }
    expect(Object.is(raw[10]!.bin, -0)).toBe(false);
  });
});
