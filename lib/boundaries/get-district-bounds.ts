import type { Actor } from "@/lib/auth/actor";
import { codeInStreetSql } from "@/lib/auth/in-street";
import { authorize } from "@/lib/auth/authorize";
import { sql } from "drizzle-orm";
import { queryOne } from "@/lib/db/query";
import type { Db } from "@/lib/db/types";

export type Bounds = [number, number, number, number];

/** The extent of all streets (of the actor's district, if it has one), for fitting the map; null when there are none yet. */
export async function getDistrictBounds(db: Db, actor: Actor): Promise<Bounds | null> {
  authorize(actor, "read:context");
  const row = await queryOne<{ xmin: number | null; ymin: number; xmax: number; ymax: number }>(
    db,
    sql`select ST_XMin(e) as xmin, ST_YMin(e) as ymin, ST_XMax(e) as xmax, ST_YMax(e) as ymax
        from (select ST_Extent(geom)::geometry as e from streets
              ${actor.districtCode ? sql`where ${codeInStreetSql(sql`code`, actor.districtCode)}` : sql``}) as x`,
  );
  if (!row || row.xmin === null) return null;
  return [row.xmin, row.ymin, row.xmax, row.ymax].map(Number) as Bounds;
}
