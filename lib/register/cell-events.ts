import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/auth/authorize";
import { eventConditions } from "@/lib/analytics/count-events";
import { analysisParams } from "@/lib/analytics/params";
import { query, queryOne } from "@/lib/db/query";
import type { Db } from "@/lib/db/types";
import { NotFoundError } from "@/lib/http/errors";
import { EVENT_CATEGORIES, type EventCategory } from "@/lib/vocabulary";
import { cellScope } from "./scope";

/** A window (default the last 90 days), categories, and how many of the latest events to list. */
export const CellEventsParams = analysisParams({ limit: z.coerce.number().int().min(1).max(200).default(50) });
export type CellEventsParams = z.output<typeof CellEventsParams>;

export interface CellEvents {
  code: string;
  from: string;
  to: string;
  total: number;
  /** Every category, zero where there were none, in the fixed category order (for the legend). */
  by_category: Record<EventCategory, number>;
  /** The latest events first, at most `limit`. */
  events: { id: number; category: EventCategory; status: string; source: string; occurred_at: string }[];
}

/**
 * The events of one grid cell in a window: counts by category and the latest ones, for a hot
 * spot's panel. Places and events only: no one who reported or is concerned is named. Outside a
 * street office's street the cell does not exist (404).
 */
export async function cellEvents(db: Db, actor: Actor, code: string, params: CellEventsParams): Promise<CellEvents> {
  authorize(actor, "read:register");
  const cell = await queryOne<{ id: number }>(
    db,
    sql`select g.id from grid_cells g where g.code = ${code} and ${cellScope(actor)}`,
  );
  if (!cell) throw new NotFoundError(`no grid cell ${code}`);
  // The cell is already in scope: the window and categories only (no street join, no bbox).
  const inWindow = sql`e.grid_cell_id = ${cell.id} and ${eventConditions({ from: params.from, to: params.to, categories: params.categories })}`;
  const [counts, events] = await Promise.all([
    query<{ category: EventCategory; n: number }>(db, sql`select e.category::text as category, count(*)::int as n from events e where ${inWindow} group by 1`),
    query<{ id: number; category: EventCategory; status: string; source: string; occurred_at: string }>(
      db,
      sql`select e.id::float8 as id, e.category::text as category, e.status::text as status, e.source::text as source,
                 to_char(e.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as occurred_at
          from events e where ${inWindow} order by e.occurred_at desc, e.id desc limit ${params.limit}`,
    ),
  ]);
  const byCategory = Object.fromEntries(EVENT_CATEGORIES.map((c) => [c, 0])) as Record<EventCategory, number>;
  for (const r of counts) byCategory[r.category] = Number(r.n);
  return {
    code,
    from: params.from.toISOString(),
    to: params.to.toISOString(),
    total: counts.reduce((s, r) => s + Number(r.n), 0),
    by_category: byCategory,
    events: events.map((e) => ({ ...e, id: Number(e.id) })),
  };
}
