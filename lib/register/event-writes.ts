import { sql, type SQL } from "drizzle-orm";
import { queryOne } from "@/lib/db/query";
import type { Db } from "@/lib/db/types";

/**
 * What every write of events must do besides writing them, in one place.
 *
 * On one server (and in the embedded database) the events triggers do it, whatever writes the row:
 * file the point into its grid cell (0002), count it in the week table (0004), queue its H3 cells
 * (0011) and bump the events layer version (0003). On a Citus coordinator events are distributed
 * (migration 0025): their triggers would run on the workers, which cannot see the coordinator's
 * tables, so they are dropped there and the writers call these functions instead. On one server
 * the functions do nothing but the cell filing (which the trigger then repeats, to the same cell):
 * the triggers stay the rule for any writer, psql included, and Citus's equality test
 * (lib/db/citus.db.test.ts) checks the two ways give the same figures.
 */

/** The grid cell a new event is filed under, computed where the cells are (the coordinator). */
export const cellAt = (point: SQL): SQL => sql`grid_cell_at(${point})`;

/** What a writer's INSERT returns for afterEventsInserted (plain columns: Citus refuses a cast here that is not immutable). */
export const RETURNING_WRITTEN = sql`returning id, grid_cell_id, occurred_at, category`;

export interface WrittenEvent {
  id: string | number | bigint;
  grid_cell_id: number | null;
  occurred_at: string | Date;
  category: string;
}

/** Whether events are distributed (a Citus coordinator after 0025). */
export async function eventsDistributed(t: Db): Promise<boolean> {
  const row = await queryOne<{ d: boolean }>(t, sql`select events_distributed() as d`);
  return Boolean(row?.d);
}

/** After inserting events (with their cells, `cellAt`): their week counts, H3 queue and layer version. */
export async function afterEventsInserted(t: Db, rows: WrittenEvent[]): Promise<void> {
  if (rows.length === 0 || !(await eventsDistributed(t))) return;
  const json = JSON.stringify(
    rows.map((r) => ({ id: String(r.id), cell: r.grid_cell_id, at: r.occurred_at instanceof Date ? r.occurred_at.toISOString() : r.occurred_at, category: r.category })),
  );
  const written = sql`json_to_recordset(${json}::json) as r(id bigint, cell integer, at timestamptz, category text)`;
  await t.execute(sql`
    insert into event_cell_weeks as w (grid_cell_id, week, category, n)
    select cell, event_week(at), category::event_category, count(*)::int from ${written} where cell is not null group by 1, 2, 3
    on conflict (grid_cell_id, week, category) do update set n = w.n + excluded.n`);
  await t.execute(sql`insert into event_h3_pending (event_id) select id from ${written} on conflict do nothing`);
  await bumpEventsLayer(t);
}

/** After changing events' case fields (status, department, dates): only the layer version moves. */
export async function afterEventsUpdated(t: Db): Promise<void> {
  if (await eventsDistributed(t)) await bumpEventsLayer(t);
}

/**
 * After writing or removing many events at once (the seed, its city copy, the demo's removal):
 * the week table counted again from the events, every event without H3 cells queued
 * (events_rewritten() of migration 0025, which a restore onto Citus also runs).
 */
export async function afterEventsRewritten(t: Db): Promise<void> {
  if (await eventsDistributed(t)) await t.execute(sql`select events_rewritten()`);
}

async function bumpEventsLayer(t: Db): Promise<void> {
  await t.execute(sql`select bump_events_layer()`);
}
