import geographiclib from "geographiclib-geodesic";
import { describe, expect, it } from "vitest";
import { Random } from "@/db/seed/prng";
import { withinMetresOf, type LonLat } from "./within-metres";

const { Geodesic } = geographiclib;

/** Every pair, exact geodesic: the slow, obvious answer. */
function bruteForce(points: readonly LonLat[], metres: number, position: LonLat): boolean {
  return points.some((p) => Geodesic.WGS84.Inverse(position[1], position[0], p[1], p[0]).s12! <= metres);
}

describe("within metres of any point", () => {
  it("agrees with the exact geodesic over every pair, near the edge of the radius too", () => {
    const random = new Random(7);
    for (const [lat0, metres] of [[28.0, 500], [45.5, 120], [3.2, 2000]] as const) {
      const points: LonLat[] = Array.from({ length: 200 }, () => [120.6 + random.next() * 0.2, lat0 + random.next() * 0.2]);
      // Half the positions anywhere, half within 1 % of the radius from some point: the cases a
      // sphere would get wrong.
      const positions: LonLat[] = Array.from({ length: 4000 }, (_, i) => {
        if (i % 2 === 0) return [120.55 + random.next() * 0.3, lat0 - 0.05 + random.next() * 0.3];
        const p = points[Math.floor(random.next() * points.length)]!;
        const edge = Geodesic.WGS84.Direct(p[1], p[0], random.next() * 360, metres * (0.99 + random.next() * 0.02));
        return [edge.lon2!, edge.lat2!];
      });
      const within = withinMetresOf(points, metres);
      const expected = positions.map((q) => bruteForce(points, metres, q));
      expect(positions.map((q) => within(q))).toEqual(expected);
      expect(expected.filter(Boolean).length).toBeGreaterThan(500);
      expect(expected.filter((x) => !x).length).toBeGreaterThan(500);
    }
  });

  it("says no for no points", () => {
    expect(withinMetresOf([], 500)([120.6, 28])).toBe(false);
  });
});
