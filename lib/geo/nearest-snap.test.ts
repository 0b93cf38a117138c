import { describe, expect, it } from "vitest";
import { nearestSnap } from "./nearest-snap";

describe("nearestSnap (screen pixels)", () => {
  // A horizontal road from (0,100) to (200,100) and a cell corner at (60,95).
  const road: [[number, number], [number, number]] = [
    [0, 100],
    [200, 100],
  ];

  it("lands on the road line between its vertices, at the foot of the perpendicular", () => {
    const snapped = nearestSnap([130, 106], [], [road], 10);
    expect(snapped).toEqual({ at: [130, 100] });
  });

  it("ignores a road farther than the tolerance", () => {
    expect(nearestSnap([130, 115], [], [road], 10)).toBeUndefined();
  });

  it("clamps to the end of a segment", () => {
    expect(nearestSnap([205, 103], [], [road], 10)).toEqual({ at: [200, 100] });
  });

  it("prefers a vertex at the same distance as a line, and reports which vertex", () => {
    // (60,98) is 2 px from the road and 3 px from the corner: the road is nearer.
    expect(nearestSnap([60, 98], [[60, 95]], [road], 10)).toEqual({ at: [60, 100] });
    // (60,97.5) is 2.5 px from both: the corner wins the tie.
    expect(nearestSnap([60, 97.5], [[60, 95]], [road], 10)).toEqual({ at: [60, 95], vertex: 0 });
  });
});
