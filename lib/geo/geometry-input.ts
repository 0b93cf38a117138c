import type { MultiPolygon, Point, Polygon, Position } from "geojson";
import { z } from "zod";

/** Most vertices one drawn shape may have: far above any hand-drawn zone, far below a DoS. */
export const MAX_VERTICES = 10_000;
/** Coordinates are kept to 7 decimals (~1 cm), as the API promises. */
export const round7 = (n: number) => Math.round(n * 1e7) / 1e7;

const position = z
  .array(z.number({ error: "a coordinate must be a number" }))
  .min(2, "a position needs longitude and latitude")
  .max(3, "a position has at most longitude, latitude and height");

/**
 * Where a structural problem is, as a JSON path into the geometry, and a reason a planner can act on.
 * Geometry that passes this still goes to PostGIS for validity (self-intersection and the like).
 */
function checkRings(rings: Position[][], path: (string | number)[], ctx: z.RefinementCtx, count: { n: number }): void {
  rings.forEach((ring, r) => {
    const at = [...path, r];
    if (ring.length < 4) ctx.addIssue({ code: "custom", path: at, message: `a ring needs at least 4 positions (it has ${ring.length})` });
    count.n += ring.length;
    for (const [i, p] of ring.entries()) {
      const [lon, lat] = p as [number, number];
      if (!Number.isFinite(lon) || !Number.isFinite(lat)) ctx.addIssue({ code: "custom", path: [...at, i], message: "coordinates must be finite numbers" });
      else if (Math.abs(lat) > 90 && Math.abs(lon) <= 90) ctx.addIssue({ code: "custom", path: [...at, i], message: `latitude ${lat} is out of range: are longitude and latitude swapped? GeoJSON is [longitude, latitude]` });
      else if (Math.abs(lon) > 180 || Math.abs(lat) > 90) ctx.addIssue({ code: "custom", path: [...at, i], message: `[${lon}, ${lat}] is not a longitude/latitude in degrees (EPSG:4326)` });
    }
    const first = ring[0];
    const last = ring[ring.length - 1];
    if (ring.length >= 2 && first && last && (first[0] !== last[0] || first[1] !== last[1])) {
      ctx.addIssue({ code: "custom", path: at, message: "the ring is not closed: its last position must repeat its first" });
    }
  });
}

const polygon = z.object({ type: z.literal("Polygon"), coordinates: z.array(z.array(position)).min(1, "a polygon needs an outer ring") }).strict();
const multiPolygon = z
  .object({ type: z.literal("MultiPolygon"), coordinates: z.array(z.array(z.array(position)).min(1, "each polygon needs an outer ring")).min(1, "a multipolygon needs a polygon") })
  .strict();

/** A Polygon or MultiPolygon in WGS 84, structurally sound and of bounded size, rounded to 7 decimals. */
export const AreaGeometry = z
  .discriminatedUnion("type", [polygon, multiPolygon], { error: 'geometry must be a GeoJSON "Polygon" or "MultiPolygon"' })
  .superRefine((g, ctx) => {
    const count = { n: 0 };
    if (g.type === "Polygon") checkRings(g.coordinates, ["coordinates"], ctx, count);
    else g.coordinates.forEach((p, i) => checkRings(p, ["coordinates", i], ctx, count));
    if (count.n > MAX_VERTICES) ctx.addIssue({ code: "custom", path: ["coordinates"], message: `too many vertices (${count.n}); at most ${MAX_VERTICES}` });
  })
  .transform((g): Polygon | MultiPolygon => {
    const ring = (r: Position[]) => r.map((p) => [round7(p[0]!), round7(p[1]!)]);
    return g.type === "Polygon"
      ? { type: "Polygon", coordinates: g.coordinates.map(ring) }
      : { type: "MultiPolygon", coordinates: g.coordinates.map((p) => p.map(ring)) };
  });

/** A Point in WGS 84, rounded to 7 decimals. */
export const PointGeometry = z
  .object({
    type: z.literal("Point", { error: 'geometry must be a GeoJSON "Point"' }),
    coordinates: z.tuple([z.number().min(-180, "longitude must be −180…180").max(180, "longitude must be −180…180"), z.number()]),
  })
  .strict()
  .superRefine((g, ctx) => {
    const [lon, lat] = g.coordinates;
    if (Math.abs(lat) > 90) {
      ctx.addIssue({
        code: "custom",
        path: ["coordinates", 1],
        message: Math.abs(lon) <= 90 ? `latitude ${lat} is out of range: are longitude and latitude swapped?` : "latitude must be −90…90",
      });
    }
  })
  .transform((g): Point => ({ type: "Point", coordinates: [round7(g.coordinates[0]), round7(g.coordinates[1])] }));
