import { areaCodeParam } from "@/lib/auth/code-params";
import type { Actor } from "@/lib/auth/actor";
import { authorize, areaScope } from "@/lib/auth/authorize";
import { codeInStreetSql } from "@/lib/auth/in-street";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { queryOne } from "@/lib/db/query";
import type { Db } from "@/lib/db/types";

export const RentalBuildingStatsParams = z
  .object({
    street: areaCodeParam.optional(),
  })
  .strict();

export interface RentalBuildingStats {
  registered: number;
  unregistered: number;
  deregistered: number;
  /** Buildings that may not be rented now: rules ①②③ (barred) or an open ⑤ (suspended). */
  not_rentable: number;
  /** Of those: barred by ①②③, and suspended by ⑤ alone until a clearing check. */
  barred: number;
  suspended: number;
  /** Rule ④: no title papers, so no business licence (renting is not barred). */
  no_licence: number;
  total: number;
}

/** Rental buildings by registration status (and how many may not be rented), district or one street. */
export async function countRentalBuildings(db: Db, actor: Actor, params: z.output<typeof RentalBuildingStatsParams>): Promise<RentalBuildingStats> {
  authorize(actor, "read:register");
  const street = areaScope(actor, params.street);
  const scope = street ? sql`where ${codeInStreetSql(sql`g.community_code`, street)}` : sql``;
  const row = await queryOne<RentalBuildingStats>(
    db,
    sql`select count(*) filter (where b.registration_status = 'registered')::int as registered,
               count(*) filter (where b.registration_status = 'unregistered')::int as unregistered,
               count(*) filter (where b.registration_status = 'deregistered')::int as deregistered,
               count(*) filter (where not b.rentable)::int as not_rentable,
               count(*) filter (where b.rental_status = 'barred')::int as barred,
               count(*) filter (where b.rental_status = 'suspended')::int as suspended,
               count(*) filter (where not b.licence_allowed)::int as no_licence,
               count(*)::int as total
        from rental_buildings b left join grid_cells g on g.id = b.grid_cell_id ${scope}`,
  );
  return row ?? { registered: 0, unregistered: 0, deregistered: 0, not_rentable: 0, barred: 0, suspended: 0, no_licence: 0, total: 0 };
}
