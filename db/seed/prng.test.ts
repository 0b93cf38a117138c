import { describe, expect, it } from "vitest";
import { apportion } from "./admin-areas";
import { Random } from "./prng";

describe("Random", () => {
  it("repeats for the same seed and differs for another", () => {
    const a = new Random(42);
    const b = new Random(42);
    const c = new Random(43);
    const seqA = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(seqA);
    expect(seqA.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it("forks independent streams by label", () => {
    const root = new Random(1);
    expect(root.fork("a").next()).not.toBe(root.fork("b").next());
    expect(new Random(1).fork("a").next()).toBe(new Random(1).fork("a").next());
  });

  it("picks by weight", () => {
    const r = new Random(9);
    const counts = [0, 0];
    for (let i = 0; i < 10_000; i++) counts[r.pickWeighted([1, 4])]!++;
    expect(counts[1]! / 10_000).toBeGreaterThan(0.72);
    expect(counts[1]! / 10_000).toBeLessThan(0.78);
  });
});

describe("apportion", () => {
  it("splits a total proportionally, giving remainders to the largest fractions", () => {
    expect(apportion(10, [1, 1, 2], 0)).toEqual([3, 2, 5]);
    expect(apportion(100, [1, 2, 7], 2)).toEqual([10, 20, 70]);
  });

  it("honours the minimum per part even when that exceeds the total", () => {
    expect(apportion(5, [0, 0, 100], 2)).toEqual([2, 2, 5]);
  });
});
