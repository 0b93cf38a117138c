import { sql } from "drizzle-orm";
import type { Point } from "geojson";
import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/auth/authorize";
import { jsonColumn, query, queryOne } from "@/lib/db/query";
import type { Db } from "@/lib/db/types";
import { checkPointGeometry, fromGeoJson, type Finding } from "./check-geometry";
import { planRules } from "./config";

export interface ZoneConflict extends Finding {
  zone_id: number;
  zone_name: string;
  distance_m: number;
}

export interface GuidancePointCheck {
  valid: boolean;
  publishable: boolean;
  errors: Finding[];
  warnings: Finding[];
  conflicts: ZoneConflict[];
  /** What a planner weighs when siting a point: the nearest zone and school, and the demand around it. */
  surroundings: PointSurroundings | null;
}

export interface PointSurroundings {
  nearest_zone: { id: number; name: string; distance_m: number } | null;
  nearest_school: { id: number; name: string; distance_m: number } | null;
  /** Stall violations within `radius_m` over the last `days` days: where vendors already go. */
  stall_violations: number;
  /** Spare stalls at other active guidance points within `radius_m`. */
  spare_stalls_nearby: number;
  radius_m: number;
  days: number;
}

/** Demand is counted within this walk of the point. */
const DEMAND_RADIUS_M = 300;

/**
 * A guidance point may not lie inside an active no-stall zone or within the clearance of one:
 * that is a conflict which blocks publishing, with the zone named.
 */
export async function checkGuidancePoint(db: Db, actor: Actor, geometry: Point): Promise<GuidancePointCheck> {
  authorize(actor, "edit:plans");
  const { guidanceClearanceM } = planRules();
  const errors = await checkPointGeometry(db, geometry);
  const zones = await query<{ id: number; name: string; distance: number }>(
    db,
    sql`with p as (select ${fromGeoJson(geometry)} as g)
        select z.id, z.name, ST_Distance(z.geom::geography, p.g::geography) as distance
        from no_stall_zones z, p
        where z.status = 'active' and ST_DWithin(z.geom::geography, p.g::geography, ${guidanceClearanceM}::float8)
        order by 3, z.id`,
  );
  const conflicts = zones.map((z) => {
    const distance = Math.round(Number(z.distance) * 10) / 10;
    return {
      code: distance === 0 ? "inside_zone" : "near_zone",
      message:
        distance === 0
          ? `inside the active no-stall zone "${z.name}" (#${z.id}); vending is not allowed there`
          : `${distance} m from the active no-stall zone "${z.name}" (#${z.id}); keep at least ${guidanceClearanceM} m`,
      params: { name: z.name, id: Number(z.id), distance, min: guidanceClearanceM },
      zone_id: Number(z.id),
      zone_name: z.name,
      distance_m: distance,
    };
  });
  const valid = errors.length === 0;
  const surroundings = valid ? await pointSurroundings(db, geometry, new Date()) : null;
  return { valid, publishable: valid && conflicts.length === 0, errors, warnings: [], conflicts, surroundings };
}

/** Distances in metres on the ellipsoid; events counted from `asOf` back over the impact window. */
export async function pointSurroundings(db: Db, geometry: Point, asOf: Date): Promise<PointSurroundings> {
  const { impactDays } = planRules();
  // ~0.01° is over 900 m here: a cheap index filter before the exact distance. The events count
  // names the point itself rather than the CTE: on Citus, where events are distributed, a
  // subquery correlated with a coordinator-side row cannot be planned; an uncorrelated one can.
  const point = fromGeoJson(geometry);
  const row = await queryOne<{ zone: unknown; school: unknown; violations: number; spare: number }>(
    db,
    sql`with p as (select ${point} as g)
        select
          (select json_build_object('id', z.id, 'name', z.name, 'distance_m', round(ST_Distance(z.geom::geography, p.g::geography)::numeric, 1))
             from no_stall_zones z where z.status = 'active' order by ST_Distance(z.geom::geography, p.g::geography), z.id limit 1) as zone,
          (select json_build_object('id', s.id, 'name', s.name, 'distance_m', round(ST_Distance(s.geom::geography, p.g::geography)::numeric, 1))
             from pois s where s.category = 'school' order by ST_Distance(s.geom::geography, p.g::geography), s.id limit 1) as school,
          (select count(*)::int from events e
             where e.category = 'stall_violation' and e.occurred_at >= ${asOf.toISOString()}::timestamptz - make_interval(days => ${impactDays}::int)
               and e.occurred_at <= ${asOf.toISOString()}::timestamptz
               and e.geom && ST_Expand(${point}, 0.01) and ST_DWithin(e.geom::geography, (${point})::geography, ${DEMAND_RADIUS_M}::float8)) as violations,
          (select coalesce(sum(greatest(g.capacity - g.occupied_stalls - g.reserved_priority_slots, 0)), 0)::int from guidance_points g
             where g.status = 'active' and g.geom && ST_Expand(p.g, 0.01) and ST_DWithin(g.geom::geography, p.g::geography, ${DEMAND_RADIUS_M}::float8)) as spare
        from p`,
  );
  const place = (value: unknown) => {
    const v = value ? jsonColumn(value as { id: number; name: string; distance_m: number } | string) : null;
    return v ? { id: Number(v.id), name: v.name, distance_m: Number(v.distance_m) } : null;
  };
  return {
    nearest_zone: place(row?.zone),
    nearest_school: place(row?.school),
    stall_violations: Number(row?.violations ?? 0),
    spare_stalls_nearby: Number(row?.spare ?? 0),
    radius_m: DEMAND_RADIUS_M,
    days: impactDays,
  };
}
