import { sql, type SQL } from "drizzle-orm";
import { query } from "./query";
import type { Db } from "./types";

/**
 * For tests that check the per-cell week table (migration 0004) however events were written:
 * the table as sorted rows, and the same rows counted afresh from the events (an independent
 * count, not the triggers' or writers' own statements).
 */
const asRows = async (db: Db, from: SQL): Promise<string[]> => {
  const rows = await query<{ grid_cell_id: number; week: string; category: string; n: number }>(
    db,
    sql`select grid_cell_id, week::text as week, category::text as category, n from ${from} w order by 1, 2, 3`,
  );
  return rows.map((r) => `${r.grid_cell_id} ${r.week} ${r.category} ${r.n}`);
};

export const weekTableRows = (db: Db): Promise<string[]> => asRows(db, sql`event_cell_weeks`);

export const weekRowsCountedAfresh = (db: Db): Promise<string[]> =>
  asRows(db, sql`(select grid_cell_id, event_week(occurred_at) as week, category, count(*)::int as n from events where grid_cell_id is not null group by 1, 2, 3)`);
