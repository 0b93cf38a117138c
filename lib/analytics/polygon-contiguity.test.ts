import type { Feature, Polygon } from "geojson";
import { describe, expect, it } from "vitest";
import { queenContiguity } from "./polygon-contiguity";

const square = (x: number, y: number): Feature<Polygon> => ({
  type: "Feature",
  properties: {},
  geometry: { type: "Polygon", coordinates: [[[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]]] },
});

describe("queen contiguity of polygons", () => {
  it("links squares sharing an edge or only a corner, not those apart", () => {
    // 0 at (0,0), 1 at (1,0) shares an edge, 2 at (1,1) shares a corner with 0, 3 at (5,5) is alone.
    expect(queenContiguity([square(0, 0), square(1, 0), square(1, 1), square(5, 5)])).toEqual([[1, 2], [0, 2], [0, 1], []]);
  });
});
