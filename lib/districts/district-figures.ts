import { sql } from "drizzle-orm";
import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/auth/authorize";
import { query } from "@/lib/db/query";
import type { Db } from "@/lib/db/types";

/** One district of the city in figures: what the city's overview lists, a row per district. */
export interface DistrictFigures {
  code: string;
  nameZh: string;
  nameEn: string;
  streets: number;
  cells: number;
  /** Rental buildings filed in the district's cells, and how many of them are registered. */
  buildings: number;
  registered: number;
  /** Events recorded in the district's cells, all weeks. */
  events: number;
}

/**
 * Figures per district, for the districts the data holds (every street code's first six digits;
 * names from `districts`, the code itself where a district has no row yet). District-wide roles
 * only: a street office or grid worker answers for one street, so it gets no other district's
 * figures (an empty list); an account limited to a district gets its own district's row only.
 */
export async function districtFigures(db: Db, actor: Actor): Promise<DistrictFigures[]> {
  authorize(actor, "read:analytics");
  if (actor.streetCode !== null) return [];
  const rows = await query<{ code: string; name_zh: string; name_en: string; streets: number; cells: number; buildings: number; registered: number; events: number }>(
    db,
    sql`with d as (select distinct left(code, 6) as code from streets ${actor.districtCode ? sql`where left(code, 6) = ${actor.districtCode}` : sql``}),
        cells as (select left(code, 6) as district, id from grid_cells)
        select d.code, coalesce(n.name_zh, d.code) as name_zh, coalesce(n.name_en, d.code) as name_en,
          (select count(*) from streets s where s.code like d.code || '%')::int as streets,
          (select count(*) from cells c where c.district = d.code)::int as cells,
          (select count(*) from rental_buildings b join cells c on c.id = b.grid_cell_id where c.district = d.code)::int as buildings,
          (select count(*) from rental_buildings b join cells c on c.id = b.grid_cell_id
            where c.district = d.code and b.registration_status = 'registered')::int as registered,
          (select coalesce(sum(w.n), 0) from event_cell_weeks w join cells c on c.id = w.grid_cell_id where c.district = d.code)::float8 as events
        from d left join districts n on n.code = d.code
        order by d.code`,
  );
  return rows.map((r) => ({
    code: r.code,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    streets: r.streets,
    cells: r.cells,
    buildings: r.buildings,
    registered: r.registered,
    events: Number(r.events),
  }));
}
