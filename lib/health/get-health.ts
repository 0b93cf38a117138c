import { sql } from "drizzle-orm";
import { z } from "zod";
import { postgisVersion } from "@/lib/db/migrate";
import { queryOne } from "@/lib/db/query";
import type { Database } from "@/lib/db/types";

export const Health = z.object({
  status: z.literal("ok"),
  /** "citus" when the PostgreSQL server is a Citus coordinator (the citus extension is installed). */
  db: z.enum(["embedded", "postgres", "citus"]),
  /** The Citus coordinator's active workers; only when db is "citus". */
  citus_workers: z.number().int().optional(),
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
  const citus = database.kind === "postgres" ? await citusWorkers(database) : null;
  return Health.parse({
    status: "ok",
    db: citus === null ? database.kind : "citus",
    ...(citus === null ? {} : { citus_workers: citus }),
    postgis: await postgisVersion(database),
    demo: Boolean(demo),
    counts: rest,
  });
}

/** The active workers when the server is a Citus coordinator, null on plain PostgreSQL. */
async function citusWorkers(database: Database): Promise<number | null> {
  const installed = await queryOne<{ citus: boolean }>(database.db, sql`select exists (select 1 from pg_extension where extname = 'citus') as citus`);
  if (!installed?.citus) return null;
  try {
    const row = await queryOne<{ n: number }>(database.db, sql`select count(*)::int as n from citus_get_active_worker_nodes()`);
    return row?.n ?? 0;
  } catch {
    return 0; // the extension is there but Citus is not loaded (shared_preload_libraries): no workers
  }
}
