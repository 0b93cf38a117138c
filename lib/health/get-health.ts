import { sql } from "drizzle-orm";
import { z } from "zod";
import { postgisVersion } from "@/lib/db/migrate";
import { queryOne } from "@/lib/db/query";
import type { Database } from "@/lib/db/types";

export const Health = z.object({
  status: z.literal("ok"),
  db: z.enum(["embedded", "postgres"]),
  postgis: z.string(),
  demo: z.boolean(),
  counts: z.object({
    streets: z.number().int(),
    communities: z.number().int(),
    grid_cells: z.number().int(),
    rental_buildings: z.number().int(),
    no_stall_zones: z.number().int(),
    guidance_points: z.number().int(),
    events: z.number().int(),
    pois: z.number().int(),
  }),
});
export type Health = z.infer<typeof Health>;

export async function getHealth(database: Database): Promise<Health> {
  const counts = await queryOne<Health["counts"] & { demo: boolean }>(
    database.db,
    sql`select
      (select count(*) from streets)::int as streets,
      (select count(*) from communities)::int as communities,
      (select count(*) from grid_cells)::int as grid_cells,
      (select count(*) from rental_buildings)::int as rental_buildings,
      (select count(*) from no_stall_zones)::int as no_stall_zones,
      (select count(*) from guidance_points)::int as guidance_points,
      (select count(*) from events)::int as events,
      (select count(*) from pois)::int as pois,
      exists (select 1 from dataset_meta where key = 'demo') as demo`,
  );
  const { demo, ...rest } = counts ?? ({} as Health["counts"] & { demo: boolean });
  return Health.parse({
    status: "ok",
    db: database.kind,
    postgis: await postgisVersion(database),
    demo: Boolean(demo),
    counts: rest,
  });
}
