import type { Feature } from "geojson";
import { describe, expect, it } from "vitest";
import { parseShapefileZip } from "@/lib/imports/parse/shapefile";
import { featuresToShapefileZip } from "./shapefile";

describe("Shapefile export", () => {
  it("round-trips points and polygons with Chinese attributes (UTF-8 .dbf + .cpg)", async () => {
    const features: Feature[] = [
      { type: "Feature", id: 1, geometry: { type: "Point", coordinates: [120.6607, 28.0229] }, properties: { name: "五马街道疏导点", capacity: 12, ratio: 0.25 } },
      { type: "Feature", id: 2, geometry: { type: "Point", coordinates: [120.67, 28.01] }, properties: { name: "=SUM(A1)", capacity: 3, ratio: null } },
      {
        type: "Feature",
        id: 7,
        geometry: { type: "Polygon", coordinates: [[[120.66, 28.02], [120.661, 28.02], [120.661, 28.021], [120.66, 28.021], [120.66, 28.02]]] },
        properties: { name: "禁摊区一", category: "main_road" },
      },
    ];
    const zip = featuresToShapefileZip("plans", features);
    const { unzipSync } = await import("fflate");
    const names = Object.keys(unzipSync(zip)).sort();
    expect(names).toEqual(["plans-points.cpg", "plans-points.dbf", "plans-points.prj", "plans-points.shp", "plans-points.shx", "plans-polygons.cpg", "plans-polygons.dbf", "plans-polygons.prj", "plans-polygons.shp", "plans-polygons.shx"]);

    // Read back with the importer (it takes the first .shp: the points).
    const points = await parseShapefileZip(zip);
    expect(points.features).toHaveLength(2);
    expect(points.features[0]!.properties).toMatchObject({ id: 1, name: "五马街道疏导点", capacity: 12, ratio: 0.25 });
    const [x, y] = (points.features[0]!.geometry as { coordinates: number[] }).coordinates;
    expect(x).toBeCloseTo(120.6607, 9);
    expect(y).toBeCloseTo(28.0229, 9);

    const polygonsOnly = featuresToShapefileZip("zones", features.slice(2));
    const zones = await parseShapefileZip(polygonsOnly);
    expect(zones.features[0]!.properties).toMatchObject({ name: "禁摊区一", category: "main_road" });
    expect(zones.features[0]!.geometry!.type).toBe("Polygon"); // an outer ring, not a hole
  });
});
