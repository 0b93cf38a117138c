import type { FeatureCollection } from "geojson";
import { describe, expect, it } from "vitest";
import { featureCollectionText, geoJson } from "./json";

const square = { type: "Polygon" as const, coordinates: [[[120.1, 28.1], [120.2, 28.1], [120.2, 28.2], [120.1, 28.1]]] };

function collection(label: string): FeatureCollection & { summary: unknown } {
  return {
    type: "FeatureCollection",
    features: [
      { type: "Feature", id: "330302001001001", geometry: square, properties: { label, z: 1.5, list: [1, 2], nested: { "a\"b": null } } },
      { type: "Feature", geometry: null as unknown as typeof square, properties: null, bbox: [1, 2, 3, 4] },
    ],
    summary: { label, run_ms: 3 },
  };
}

describe("GeoJSON responses", () => {
  it("write exactly what JSON.stringify writes, also when a geometry's text is reused", async () => {
    for (const label of ["first", "second — 第二次"]) {
      const fc = collection(label);
      expect(JSON.parse(featureCollectionText(fc))).toEqual(JSON.parse(JSON.stringify(fc)));
    }
    const response = geoJson(collection("third"));
    expect(response.headers.get("content-type")).toBe("application/geo+json");
    expect(await response.json()).toEqual(JSON.parse(JSON.stringify(collection("third"))));
  });

  it("write other bodies as plain JSON", async () => {
    expect(await geoJson({ type: "Feature", geometry: null, properties: {} }).json()).toEqual({ type: "Feature", geometry: null, properties: {} });
  });
});
