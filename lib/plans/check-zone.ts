import { sql } from "drizzle-orm";
import type { Geometry, MultiPolygon, Polygon } from "geojson";
import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/auth/authorize";
import { jsonColumn, query, queryOne } from "@/lib/db/query";
import type { Db } from "@/lib/db/types";
import { checkAreaGeometry, fromGeoJson, type Finding } from "./check-geometry";
import { planRules } from "./config";

export interface OverlapWarning extends Finding {
  zone_id: number;
  zone_name: string;
  overlap_m2: number;
  overlap: Geometry;
}

export interface PointConflict extends Finding {
  guidance_point_id: number;
  name: string;
  distance_m: number;
}

export interface ZoneImpact {
  days: number;
  stall_violations: number;
  guidance_points_affected: { id: number; name: string; inside: boolean; distance_m: number; capacity: number }[];
  nearest_alternatives: { id: number; name: string; spare: number; distance_m: number; geometry: Geometry }[];
  grid_cells: { count: number; codes: string[] };
  streets: { code: string; name_zh: string; name_en: string }[];
}

export interface ZoneCheck {
  /** No errors: it may be saved as a draft. */
  valid: boolean;
  /** Valid and no conflicts: it may be published (or saved while active). */
  publishable: boolean;
  errors: Finding[];
  warnings: OverlapWarning[];
  conflicts: PointConflict[];
  measurements: { area_m2: number | null; perimeter_m: number | null; vertices: number };
  impact: ZoneImpact | null;
}


/**
 * Everything a planner needs to know about a zone shape before saving or publishing it:
 * geometry errors (with place), overlaps with other active zones (warnings, drawn), guidance
 * points it swallows or comes within the clearance of (conflicts that block publishing), and the
 * impact: recent stall violations inside, points affected, nearest alternatives with spare
 * capacity, cells and streets touched. `selfId` leaves the zone's own saved row out; the impact
 * counts the days before `at` (now, unless a test or a replay names another instant).
 */
export async function checkZone(db: Db, actor: Actor, geometry: Polygon | MultiPolygon, selfId?: number, at: Date = new Date()): Promise<ZoneCheck> {
  authorize(actor, "edit:plans");
  const rules = planRules();
  const shape = await checkAreaGeometry(db, geometry, rules.minZoneAreaM2);
  const base = { errors: shape.errors, measurements: { area_m2: shape.area_m2, perimeter_m: shape.perimeter_m, vertices: shape.vertices } };
  if (shape.area_m2 === null) return { ...base, valid: false, publishable: false, warnings: [], conflicts: [], impact: null };

  const z = fromGeoJson(geometry);
  const self = selfId ?? -1;
  const overlaps = await query<{ id: number; name: string; m2: number; overlap: Geometry | string }>(
    db,
    sql`with z as (select ${z} as g)
        select o.id, o.name, ST_Area(ST_Intersection(o.geom, z.g)::geography) as m2, ST_AsGeoJSON(ST_Intersection(o.geom, z.g), 7)::json as overlap
        from no_stall_zones o, z
        where o.status = 'active' and o.id <> ${self} and ST_Intersects(o.geom, z.g) and not ST_Touches(o.geom, z.g)
        order by 3 desc limit 20`,
  );
  const warnings: OverlapWarning[] = overlaps
    .filter((o) => Number(o.m2) >= 1)
    .map((o) => ({
      code: "overlaps_zone",
      message: `overlaps the active zone "${o.name}" (#${o.id}) by ${Number(o.m2).toFixed(0)} m²; merge them or adjust the edge`,
      params: { name: o.name, id: Number(o.id), m2: Number(o.m2).toFixed(0) },
      zone_id: Number(o.id),
      zone_name: o.name,
      overlap_m2: Math.round(Number(o.m2)),
      overlap: jsonColumn(o.overlap),
    }));

  const near = await query<{ id: number; name: string; distance: number; capacity: number }>(
    db,
    sql`with z as (select ${z} as g)
        select p.id, p.name, ST_Distance(p.geom::geography, z.g::geography) as distance, p.capacity
        from guidance_points p, z
        where p.status <> 'retired' and ST_DWithin(p.geom::geography, z.g::geography, ${rules.guidanceClearanceM}::float8)
        order by 3, p.id`,
  );
  const conflicts: PointConflict[] = near.map((p) => {
    const distance = Math.round(Number(p.distance) * 10) / 10;
    return {
      code: distance === 0 ? "swallows_guidance_point" : "near_guidance_point",
      message:
        distance === 0
          ? `the guidance point "${p.name}" (#${p.id}) would lie inside this zone`
          : `the guidance point "${p.name}" (#${p.id}) is ${distance} m away; at least ${rules.guidanceClearanceM} m is required`,
      params: { name: p.name, id: Number(p.id), distance, min: rules.guidanceClearanceM },
      guidance_point_id: Number(p.id),
      name: p.name,
      distance_m: distance,
    };
  });

  const impact = await zoneImpact(db, z, near, rules, at);
  const valid = shape.errors.length === 0;
  return { ...base, valid, publishable: valid && conflicts.length === 0, warnings, conflicts, impact };
}

async function zoneImpact(
  db: Db,
  z: ReturnType<typeof fromGeoJson>,
  near: { id: number; name: string; distance: number; capacity: number }[],
  rules: ReturnType<typeof planRules>,
  at: Date,
): Promise<ZoneImpact> {
  const excluded = near.map((p) => Number(p.id));
  const [violations, alternatives, cells, streets] = await Promise.all([
    queryOne<{ n: number }>(
      db,
      sql`select count(*)::int as n from events e
          where e.category = 'stall_violation' and e.occurred_at >= ${at.toISOString()}::timestamptz - make_interval(days => ${rules.impactDays}::int)
            and e.occurred_at < ${at.toISOString()}::timestamptz and ST_Intersects(e.geom, ${z})`,
    ),
    query<{ id: number; name: string; spare: number; distance: number; geometry: Geometry | string }>(
      db,
      sql`with z as (select ${z} as g)
          select p.id, p.name, p.capacity - p.occupied_stalls as spare, ST_Distance(p.geom::geography, z.g::geography) as distance,
                 ST_AsGeoJSON(p.geom, 7)::json as geometry
          from guidance_points p, z
          where p.status = 'active' and p.capacity > p.occupied_stalls
            and not (p.id = any(string_to_array(${excluded.join(",") || "0"}, ',')::int[]))
          order by p.geom <-> ST_Centroid(z.g) limit 5`,
    ),
    query<{ code: string }>(db, sql`select g.code from grid_cells g where ST_Intersects(g.geom, ${z}) order by g.code`),
    query<{ code: string; name_zh: string; name_en: string }>(db, sql`select code, name_zh, name_en from streets where ST_Intersects(geom, ${z}) order by code`),
  ]);
  return {
    days: rules.impactDays,
    stall_violations: Number(violations?.n ?? 0),
    guidance_points_affected: near.map((p) => ({ id: Number(p.id), name: p.name, inside: Number(p.distance) === 0, distance_m: Math.round(Number(p.distance) * 10) / 10, capacity: Number(p.capacity) })),
    nearest_alternatives: alternatives
      .map((a) => ({ id: Number(a.id), name: a.name, spare: Number(a.spare), distance_m: Math.round(Number(a.distance)), geometry: jsonColumn(a.geometry) }))
      .sort((a, b) => a.distance_m - b.distance_m),
    grid_cells: { count: cells.length, codes: cells.slice(0, 50).map((c) => c.code) },
    streets,
  };
}
