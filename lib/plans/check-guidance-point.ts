import { sql } from "drizzle-orm";
import type { Point } from "geojson";
import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/auth/authorize";
import { query } from "@/lib/db/query";
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
}

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
  return { valid, publishable: valid && conflicts.length === 0, errors, warnings: [], conflicts };
}
