import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/auth/authorize";
import { sql } from "drizzle-orm";
import { queryOne } from "@/lib/db/query";
import type { Db } from "@/lib/db/types";

export type Bounds = [number, number, number, number];

/** The extent of all streets, for fitting the map; null when the database has no streets yet. */
export async function getDistrictBounds(db: Db, actor: Actor): Promise<Bounds | null> {
  authorize(actor, "read:context");
  const row = await queryOne<{ xmin: number | null; ymin: number; xmax: number; ymax: number }>(
    db,
    sql`select ST_XMin(e) as xmin, ST_YMin(e) as ymin, ST_XMax(e) as xmax, ST_YMax(e) as ymax
        from (select ST_Extent(geom)::geometry as e from streets) as x`,
  );
  if (!row || row.xmin === null) return null;
  return [row.xmin, row.ymin, row.xmax, row.ymax].map(Number) as Bounds;
}
