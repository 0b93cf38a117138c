import type { Actor } from "@/lib/auth/actor";
import { codeInStreetSql } from "@/lib/auth/in-street";
import { authorize } from "@/lib/auth/authorize";
import { sql } from "drizzle-orm";
import { query } from "@/lib/db/query";
import type { Db } from "@/lib/db/types";

/** A named area the UI can search for and zoom to. */
export interface Place {
  kind: "district" | "street" | "community";
  code: string;
  nameZh: string;
  nameEn: string;
  bbox: [number, number, number, number];
}

/**
 * Districts, streets and communities with their extents, for search, area pickers and zoom-to.
 * A district is the extent of its streets, named from `districts` (its code where it has no row).
 */
export async function listPlaces(db: Db, actor: Actor): Promise<Place[]> {
  authorize(actor, "read:context");
  // An account limited to a district is offered that district's places only.
  const inDistrict = actor.districtCode ? codeInStreetSql(sql`code`, actor.districtCode) : sql`true`;
  const rows = await query<{ kind: Place["kind"]; code: string; name_zh: string; name_en: string; w: number; s: number; e: number; n: number }>(
    db,
    sql`select 'district' as kind, d.code, coalesce(n.name_zh, d.code) as name_zh, coalesce(n.name_en, d.code) as name_en,
               ST_XMin(d.extent) as w, ST_YMin(d.extent) as s, ST_XMax(d.extent) as e, ST_YMax(d.extent) as n
        from (select left(code, 6) as code, ST_Extent(geom)::geometry as extent from streets where ${inDistrict} group by 1) d
        left join districts n on n.code = d.code
        union all
        select 'street', code, name_zh, name_en, ST_XMin(geom), ST_YMin(geom), ST_XMax(geom), ST_YMax(geom) from streets where ${inDistrict}
        union all
        select 'community', code, name_zh, name_en, ST_XMin(geom), ST_YMin(geom), ST_XMax(geom), ST_YMax(geom) from communities where ${inDistrict}
        order by 2`,
  );
  return rows.map((r) => ({ kind: r.kind, code: r.code, nameZh: r.name_zh, nameEn: r.name_en, bbox: [r.w, r.s, r.e, r.n].map(Number) as Place["bbox"] }));
}
