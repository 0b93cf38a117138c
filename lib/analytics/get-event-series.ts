import { codeInStreetSql } from "@/lib/auth/in-street";
import type { Actor } from "@/lib/auth/actor";
import { codeInStreet } from "@/lib/auth/street-code";
import { NotFoundError } from "@/lib/http/errors";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { EVENT_CATEGORIES } from "@/lib/vocabulary";
import { query } from "@/lib/db/query";
import type { Db } from "@/lib/db/types";
import { scopeAnalysis } from "./analysis-scope";
import { analysisParams } from "./params";
import { eventConditions } from "./count-events";
import { stepDate, stepStarts } from "@/lib/time/china-steps";

export const EventSeriesParams = analysisParams({
  step: z.enum(["week", "month"]).default("week"),
  cell: z.string().regex(/^\d{15}$/, "a grid cell is its 15-digit code").optional(),
});
export type EventSeriesParams = z.output<typeof EventSeriesParams>;

export interface EventSeries {
  step: "week" | "month";
  /** One row per whole step: its start (China time) and a count per category. */
  rows: ({ start: string; total: number } & Record<string, number | string>)[];
  categories: string[];
}

/** Events per week (or month) by category, for a window, street or single grid cell. */
export async function getEventSeries(db: Db, actor: Actor, input: EventSeriesParams): Promise<EventSeries> {
  const params: EventSeriesParams = scopeAnalysis(actor, input);
  if (params.street && params.cell && !codeInStreet(params.cell, params.street)) throw new NotFoundError(`no grid cell ${params.cell}`);
  const cell = params.cell ? sql`and g.code = ${params.cell}` : sql``;
  // Weekly steps without a bounding box are sums of the per-cell weekly counts (migration 0004):
  // a few thousand rows instead of every event of the window. Partial weeks at the ends are left
  // out either way, so both give the same rows.
  // A bounding box around every grid cell (the map's first view of the whole district) leaves
  // out no event that has a cell: it is no filter, and the weekly counts answer.
  const box = params.bbox && !(await coversEveryCell(db, params.bbox as [number, number, number, number])) ? params.bbox : undefined;
  const weeks = params.step === "week" && !box ? stepStarts(params.from, params.to, "week") : [];
  const counts =
    weeks.length > 0
      ? await query<{ bucket: string; category: string; n: number }>(
          db,
          sql`select w.week::text as bucket, w.category::text as category, sum(w.n)::int as n
              from event_cell_weeks w join grid_cells g on g.id = w.grid_cell_id join communities c on c.code = g.community_code
              where w.week >= ${stepDate(weeks[0]!)}::date and w.week <= ${stepDate(weeks[weeks.length - 1]!)}::date
                ${params.categories ? sql`and w.category::text = any(string_to_array(${params.categories.join(",")}, ','))` : sql``}
                ${params.street ? sql`and ${codeInStreetSql(sql`c.street_code`, params.street)}` : sql``} ${cell}
              group by 1, 2`,
        )
      : await query<{ bucket: string; category: string; n: number }>(
          db,
          sql`select date_trunc(${params.step}, e.occurred_at at time zone 'Asia/Shanghai')::date::text as bucket, e.category::text as category,
                     count(*)::int as n
              from events e join grid_cells g on g.id = e.grid_cell_id join communities c on c.code = g.community_code
              where ${eventConditions({ ...params, bbox: box })} ${cell} group by 1, 2`,
        );
  const categories = params.categories ?? [...EVENT_CATEGORIES];
  const rows = stepStarts(params.from, params.to, params.step).map((d) => {
    const start = d.toISOString().slice(0, 10);
    return { start, total: 0, ...Object.fromEntries(categories.map((c) => [c, 0])) } as EventSeries["rows"][number];
  });
  const byStart = new Map(rows.map((r) => [r.start, r]));
  for (const c of counts) {
    const row = byStart.get(c.bucket);
    if (!row) continue; // partial steps at the ends are left out
    row[c.category] = Number(row[c.category] ?? 0) + Number(c.n);
    row.total += Number(c.n);
  }
  return { step: params.step, rows, categories };
}

/** Whether a west,south,east,north box holds every grid cell whole. */
async function coversEveryCell(db: Db, [w, s, e, n]: [number, number, number, number]): Promise<boolean> {
  const rows = await query<{ covers: boolean | null }>(
    db,
    sql`select ST_Covers(ST_MakeEnvelope(${w}::float8, ${s}::float8, ${e}::float8, ${n}::float8, 4326), ST_SetSRID(ST_Extent(geom)::geometry, 4326)) as covers from grid_cells`,
  );
  return rows[0]?.covers === true;
}
