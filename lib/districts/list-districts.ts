import { sql } from "drizzle-orm";
import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/auth/authorize";
import { query } from "@/lib/db/query";
import type { Db } from "@/lib/db/types";

/** A district by code and names, for pickers. */
export interface DistrictName {
  code: string;
  nameZh: string;
  nameEn: string;
}

/**
 * The districts the data holds (every street code's first six digits; names from `districts`,
 * the code itself where a district has no row yet), as far as `actor` may see them: an account
 * limited to a district, or a street account, sees its own district only.
 */
export async function listDistricts(db: Db, actor: Actor): Promise<DistrictName[]> {
  authorize(actor, "read:context");
  const rows = await query<{ code: string; name_zh: string; name_en: string }>(
    db,
    sql`select d.code, coalesce(n.name_zh, d.code) as name_zh, coalesce(n.name_en, d.code) as name_en
        from (select distinct left(code, 6) as code from streets) d left join districts n on n.code = d.code
        ${actor.districtCode ? sql`where d.code = ${actor.districtCode}` : sql``}
        order by d.code`,
  );
  return rows.map((r) => ({ code: r.code, nameZh: r.name_zh, nameEn: r.name_en }));
}
