import { describe, expect, it } from "vitest";
import { quarticDensity } from "./kernel-density";

describe("quartic kernel density", () => {
  it("integrates to the number of events (the kernel's mass is 1)", () => {
    // 3 events near 28°N; a 1 km bandwidth on a 25 m grid covering every disc.
    const points = [
      { lon: 120.65, lat: 28.02, weight: 1 },
      { lon: 120.66, lat: 28.021, weight: 2 },
    ];
    const grid = quarticDensity(points, [120.62, 27.99, 120.69, 28.05], 1000, 25);
    const cellKm2 = (25 * 25) / 1e6;
    const total = grid.values.reduce((a, b) => a + b, 0) * cellKm2;
    expect(total).toBeCloseTo(3, 2);
  });

  it("peaks at the event with 3/(π h²) per event and is zero beyond the bandwidth", () => {
    const grid = quarticDensity([{ lon: 120.65, lat: 28.02, weight: 1 }], [120.64, 28.01, 120.66, 28.03], 500, 10);
    const peak = Math.max(...grid.values);
    expect(peak).toBeGreaterThan((3 / (Math.PI * 500 * 500)) * 1e6 * 0.99);
    expect(peak).toBeLessThanOrEqual((3 / (Math.PI * 500 * 500)) * 1e6);
    expect(grid.values[0]).toBe(0); // the corner is ~1.4 km away
  });
});
