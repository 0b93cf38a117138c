import type { Feature, Point } from "geojson";
import { describe, expect, it } from "vitest";
import { emergingFromCube } from "./emerging-cube";
import { featureEmerging } from "./feature-emerging";

/** Gi* from its definition over any set of bins, with neighbourhood given as a predicate. */
function referenceGiStar(values: number[], isNeighbour: (a: number, b: number) => boolean): number[] {
  const n = values.length;
  const mean = values.reduce((s, v) => s + v, 0) / n;
  const s = Math.sqrt(values.reduce((acc, v) => acc + v * v, 0) / n - mean * mean);
  return values.map((_, i) => {
    let W = 0;
    let sum = 0;
    for (let j = 0; j < n; j++) {
      if (j === i || isNeighbour(i, j)) {
        W++;
        sum += values[j]!;
      }
    }
    return (sum - mean * W) / (s * Math.sqrt((n * W - W * W) / (n - 1)));
  });
}

describe("emerging hot spots on a space-time cube", () => {
  // Five units in a row (0-1-2-3-4), six steps, values with some structure.
  const neighbours = [[1], [0, 2], [1, 3], [2, 4], [3]];
  const adjacent = (i: number, j: number) => Math.abs(i - j) === 1;
  const counts = [
    [1, 2, 9, 3, 1],
    [2, 1, 8, 4, 0],
    [1, 3, 12, 2, 1],
    [0, 2, 10, 5, 2],
    [1, 4, 15, 3, 1],
    [2, 2, 14, 6, 0],
  ];

  it("without time neighbours, each step is its own Gi* (the default)", () => {
    const results = emergingFromCube(counts, neighbours, { fdr: false, trendAlpha: 0.05, timeNeighbours: 0 });
    counts.forEach((values, t) => {
      const z = referenceGiStar(values, adjacent);
      results.forEach((r, i) => expect(r.z[t]).toBeCloseTo(z[i]!, 10));
    });
  });

  for (const k of [1, 2]) {
    it(`with ${k} time neighbour step(s), a bin's neighbours include its unit and their neighbours ${k} step(s) back`, () => {
      const results = emergingFromCube(counts, neighbours, { fdr: false, trendAlpha: 0.05, timeNeighbours: k });
      const n = 5;
      const flat = counts.flat();
      // bin b = t * n + i; (s, j) is a neighbour of (t, i) when it is a spatial neighbour in the
      // same step, or the same unit or a spatial neighbour in one of the k steps before.
      const z = referenceGiStar(flat, (a, b) => {
        const [t, i, s, j] = [Math.floor(a / n), a % n, Math.floor(b / n), b % n];
        if (s === t) return adjacent(i, j);
        return s < t && t - s <= k && (i === j || adjacent(i, j));
      });
      results.forEach((r, i) => r.z.forEach((zt, t) => expect(zt).toBeCloseTo(z[t * n + i]!, 10)));
    });
  }
});

describe("emerging hot spots from a file of points with times", () => {
  // A 6 × 6 block of ~500 m cells; 8 weeks starting Monday 2026-03-02 (China time).
  const dx = 500 / (111_320 * Math.cos((28 * Math.PI) / 180));
  const dy = 500 / 110_574;
  const centre = (col: number, row: number): [number, number] => [120.6 + (col + 0.5) * dx, 28 + (row + 0.5) * dy];
  const week = (w: number, hours = 30) => new Date(Date.UTC(2026, 2, 1, 16, 0, 0) + w * 7 * 86_400_000 + hours * 3_600_000).toISOString();
  const point = (col: number, row: number, time: string): Feature<Point> => ({ type: "Feature", geometry: { type: "Point", coordinates: centre(col, row) }, properties: { at: time } });

  const features: Feature<Point>[] = [];
  for (let w = 0; w < 8; w++) {
    for (let col = 0; col < 6; col++) for (let row = 0; row < 6; row++) for (let k = 0; k < 2; k++) features.push(point(col, row, week(w, 10 + k)));
    // Persistent: cells (0..1, 0..1) busy every week.
    for (const [c, r] of [[0, 0], [1, 0], [0, 1], [1, 1]]) for (let k = 0; k < 25; k++) features.push(point(c!, r!, week(w)));
  }
  // New: cells (4..5, 4..5) busy in the last week only.
  for (const [c, r] of [[4, 4], [5, 4], [4, 5], [5, 5]]) for (let k = 0; k < 40; k++) features.push(point(c!, r!, week(7)));
  // Two corner points fix the grid's extent (it is laid over the points' bounding box).
  features.push({ type: "Feature", geometry: { type: "Point", coordinates: [120.6, 28] }, properties: { at: week(0) } });
  features.push({ type: "Feature", geometry: { type: "Point", coordinates: [120.6 + 6 * dx - 1e-7, 28 + 6 * dy - 1e-7] }, properties: { at: week(0) } });
  // 00:30 on Monday 2026-03-09 in China is still Sunday 16:30 UTC: it belongs to week 1, not week 0.
  features.push({ ...point(3, 3, "2026-03-08T16:30:00Z") });

  const result = featureEmerging(features, { timeField: "at", step: "week", cellMetres: 500, unitField: "code", fdr: true, trendAlpha: 0.05, timeNeighbours: 0 });
  const at = (col: number, row: number) => result.units.find((u) => u.properties.col === col && u.properties.row === row)!.properties;

  it("bins points into cells and China-time weeks", () => {
    expect(result.units).toHaveLength(36);
    expect(result.stepStarts).toEqual(["2026-03-02", "2026-03-09", "2026-03-16", "2026-03-23", "2026-03-30", "2026-04-06", "2026-04-13", "2026-04-20"]);
    expect(at(3, 3).count).toBe(17);
    expect(at(3, 3).count_series).toEqual([2, 3, 2, 2, 2, 2, 2, 2]); // the Monday 00:30 point is in week 1
    expect((at(3, 3).z_series as number[]).length).toBe(8);
  });

  it("finds the persistent and the new hot spots", () => {
    expect(at(0, 0).category).toBe("persistent_hot");
    expect(at(5, 5).category).toBe("new_hot");
    expect(at(3, 0).category).toBe("no_pattern");
  });

  it("reads times without an offset as China time, whatever this machine's zone", () => {
    const local = features.map((f) => ({ ...f, properties: { at: new Date(new Date(f.properties!.at).getTime() + 8 * 3_600_000).toISOString().slice(0, 19) } }));
    // Sunday 23:30 in China (15:30 UTC): week 0. Read as UTC it would be Monday 07:30 in China, week 1.
    local.push({ ...point(3, 3, "x"), properties: { at: "2026-03-08T23:30:00" } });
    const again = featureEmerging(local, { timeField: "at", step: "week", cellMetres: 500, unitField: "code", fdr: true, trendAlpha: 0.05, timeNeighbours: 0 });
    expect(again.stepStarts).toEqual(result.stepStarts);
    const cell33 = again.units.find((u) => u.properties.col === 3 && u.properties.row === 3)!.properties;
    expect(cell33.count_series).toEqual([3, 3, 2, 2, 2, 2, 2, 2]);
  });

  it("refuses a grid far too large for the points (a stray point), naming the extent", () => {
    const stray = [...features, { type: "Feature" as const, geometry: { type: "Point" as const, coordinates: [0, 0] }, properties: { at: week(0) } }];
    expect(() => featureEmerging(stray, { timeField: "at", step: "week", cellMetres: 500, unitField: "code", fdr: true, trendAlpha: 0.05, timeNeighbours: 0 })).toThrow(/0,0|far from the others/);
  });

  it("refuses input it cannot use, with the reason", () => {
    expect(() => featureEmerging(features.slice(0, 10), { timeField: "at", step: "week", cellMetres: 500, unitField: "code", fdr: true, trendAlpha: 0.05, timeNeighbours: 0 })).toThrow(/at least 4/);
    expect(() => featureEmerging(features, { timeField: "when", step: "week", cellMetres: 500, unitField: "code", fdr: true, trendAlpha: 0.05, timeNeighbours: 0 })).toThrow(/no time in "when"/);
  });
});
