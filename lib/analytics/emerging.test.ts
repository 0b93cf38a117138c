import { describe, expect, it } from "vitest";
import { classifyEmerging } from "./emerging";
import { mannKendall } from "./mann-kendall";

const options = { trendAlpha: 0.05, mostlyShare: 0.9 };
const ramp = (n: number, from: number, to: number) => Array.from({ length: n }, (_, i) => from + ((to - from) * i) / (n - 1));

describe("Mann–Kendall", () => {
  it("matches a hand computation with ties", () => {
    // x = 1 2 2 3: pairs (1,2)+ (1,2)+ (1,3)+ (2,2)0 (2,3)+ (2,3)+ → S = 5.
    // Var = [4·3·13 − 2·1·9]/18 = (156 − 18)/18 = 7.6667; z = (5 − 1)/√7.6667 = 1.44463.
    const r = mannKendall([1, 2, 2, 3]);
    expect(r.s).toBe(5);
    expect(r.variance).toBeCloseTo(138 / 18, 12);
    expect(r.z).toBeCloseTo(4 / Math.sqrt(138 / 18), 12);
  });

  it("finds no trend in a constant series, without NaN", () => {
    expect(mannKendall([2, 2, 2, 2])).toEqual({ s: 0, variance: 0, z: 0, p: 1 });
  });
});

describe("emerging hot spot categories", () => {
  const n = 20;
  it("persistent, intensifying and diminishing hot spots", () => {
    const allHot = new Array(n).fill(3);
    expect(classifyEmerging(allHot, new Array(n).fill(4), options).category).toBe("persistent_hot");
    expect(classifyEmerging(allHot, ramp(n, 3, 9), options).category).toBe("intensifying_hot");
    expect(classifyEmerging(allHot, ramp(n, 9, 3), options).category).toBe("diminishing_hot");
  });

  it("new, consecutive, sporadic, oscillating and historical hot spots", () => {
    const quiet = new Array(n).fill(0);
    const z = new Array(n).fill(0);
    expect(classifyEmerging([...quiet.slice(1), 2], z, options).category).toBe("new_hot");
    expect(classifyEmerging([...quiet.slice(4), 1, 2, 3, 3], z, options).category).toBe("consecutive_hot");
    const onOff: number[] = quiet.map((_, i) => (i % 4 === 0 ? 2 : 0));
    onOff[n - 1] = 2;
    expect(classifyEmerging(onOff, z, options).category).toBe("sporadic_hot");
    const withCold = [...onOff];
    withCold[1] = -2;
    expect(classifyEmerging(withCold, z, options).category).toBe("oscillating_hot");
    const historical = new Array(n).fill(3);
    historical[n - 1] = 0;
    expect(classifyEmerging(historical, z, options).category).toBe("historical_hot");
  });

  it("mirrors the rules for cold spots, and says no pattern otherwise", () => {
    expect(classifyEmerging(new Array(n).fill(-3), ramp(n, -9, -3), options).category).toBe("diminishing_cold");
    expect(classifyEmerging([...new Array(n - 1).fill(0), -1], new Array(n).fill(0), options).category).toBe("new_cold");
    expect(classifyEmerging(new Array(n).fill(0), ramp(n, 0, 1), options).category).toBe("no_pattern");
    expect(classifyEmerging([], [], options).category).toBe("no_pattern");
  });
});
