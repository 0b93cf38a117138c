import type { Actor } from "@/lib/auth/actor";
import { codeInStreetSql } from "@/lib/auth/in-street";
import { authorize } from "@/lib/auth/authorize";
import { sql } from "drizzle-orm";
import { query } from "@/lib/db/query";
import type { Db } from "@/lib/db/types";

/** A named area the UI can search for and zoom to. */
export interface Place {
  kind: "street" | "community";
  code: string;
  nameZh: string;
  nameEn: string;
  bbox: [number, number, number, number];
}

/** Streets and communities with their extents, for search, street pickers and zoom-to. */
export async function listPlaces(db: Db, actor: Actor): Promise<Place[]> {
  authorize(actor, "read:context");
  // An account limited to a district is offered that district's places only.
  const inDistrict = actor.districtCode ? codeInStreetSql(sql`code`, actor.districtCode) : sql`true`;
  const rows = await query<{ kind: "street" | "community"; code: string; name_zh: string; name_en: string; w: number; s: number; e: number; n: number }>(
    db,
    sql`select 'street' as kind, code, name_zh, name_en, ST_XMin(geom) as w, ST_YMin(geom) as s, ST_XMax(geom) as e, ST_YMax(geom) as n from streets where ${inDistrict}
        union all
        select 'community', code, name_zh, name_en, ST_XMin(geom), ST_YMin(geom), ST_XMax(geom), ST_YMax(geom) from communities where ${inDistrict}
        order by 1 desc, 2`,
  );
  return rows.map((r) => ({ kind: r.kind, code: r.code, nameZh: r.name_zh, nameEn: r.name_en, bbox: [r.w, r.s, r.e, r.n].map(Number) as Place["bbox"] }));
}
