import { sql, type SQL } from "drizzle-orm";
import { latLngToCell } from "h3-js";
import { inTransaction, query } from "@/lib/db/query";
import type { Db } from "@/lib/db/types";
import { eventsDistributed } from "@/lib/register/event-writes";

/**
 * Each event's H3 cell, stored (table event_h3, migrations 0008 and 0011) so that counting events per
 * hexagon is a GROUP BY in SQL. Neither database can compute H3 (PostGIS has no H3; the embedded
 * build cannot load h3-pg), so the cells are computed here with h3-js for events that have no
 * row yet — new events, and changed ones (a trigger drops their row and queues them) — just
 * before counting. Each event is binned once, not once per request.
 */
export const H3_RESOLUTIONS = [7, 8, 9, 10] as const;
export type H3Resolution = (typeof H3_RESOLUTIONS)[number];

/** The stored column of a resolution (fixed fragments: never an identifier built from input). */
export const H3_COLUMN: Record<H3Resolution, SQL> = { 7: sql`h.h3_7`, 8: sql`h.h3_8`, 9: sql`h.h3_9`, 10: sql`h.h3_10` };

const BATCH = 20_000;

/** The advisory lock (a fixed key) that H3 filling and re-filing events take on Citus (migration 0025). */
const EVENT_MOVES_LOCK = 2025_0025;

/** H3 index as stored (a signed 64-bit number; H3 indexes fit below 2^63) and back. */
export const h3ToDecimal = (h3: string): string => BigInt(`0x${h3}`).toString();
export const h3FromDecimal = (decimal: string): string => BigInt(decimal).toString(16);

export interface FillOptions {
  /** Asked between pages: the background filler stops there when the server shuts down. */
  shouldStop?: () => boolean;
  /** Events a page aims at (tests use small pages). */
  batch?: number;
  /** Told each page's size (tests). */
  onPage?: (rows: number) => void;
}

/** How many events wait for their H3 cells to be stored. */
export async function queuedForH3(db: Db): Promise<number> {
  const [row] = await query<{ n: number }>(db, sql`select count(*)::int as n from event_h3_pending`);
  return Number(row?.n ?? 0);
}

/**
 * Compute and store the H3 cells of the queued events (event_h3_pending: new and changed events,
 * queued by triggers). Returns how many were stored. Each page locks its events (FOR SHARE) until
 * its cells are stored, so an event cannot move between being read and being stored: a move waits,
 * then its trigger drops the row and queues the event again. Events another transaction is
 * changing right now are skipped (SKIP LOCKED), never waited for: they stay queued for the next
 * analysis, and the fill can neither deadlock with a bulk update nor stall behind one. Events outside the district (no grid
 * cell) leave the queue without a row. Two requests filling at once take the same events in id
 * order and skip what the other stored (`on conflict do nothing`).
 *
 * A page is a window of ids from the smallest queued one, not `order by … limit`: on Citus (events
 * distributed) a limit is applied on every shard before the coordinator's, so each page read 32
 * times its rows (measured: 4.4 s a page of 20,000 against 0.4 s by window, on 3.15 million
 * events). The window widens while queued ids are sparse; a wide one is counted on the queue
 * alone first and narrowed until it holds at most two pages' worth, so no page is unbounded.
 * What is stored comes from the page itself, so the insert joins nothing with events.
 */
export async function fillEventH3(db: Db, options: FillOptions = {}): Promise<number> {
  const batch = options.batch ?? BATCH;
  let added = 0;
  let span = batch;
  // Ids below the cursor were looked at: what is still queued there was skipped (locked). None
  // on the first page, so every id is reached, whatever its sign.
  let cursor: string | null = null;
  // On Citus (events distributed) rows cannot be locked in a distributed read; there nothing
  // but re-filing after a grid-cell change moves an event, and that takes the same lock.
  const distributed = await eventsDistributed(db);
  for (;;) {
    if (options.shouldStop?.()) return added;
    const page = await inTransaction(db, async (tx) => {
      if (distributed) await tx.execute(sql`select pg_advisory_xact_lock(${EVENT_MOVES_LOCK})`);
      const [first] = await query<{ id: string | null }>(
        tx,
        sql`select min(event_id)::text as id from event_h3_pending where ${cursor === null ? sql`true` : sql`event_id >= ${cursor}::bigint`}`,
      );
      if (!first?.id) return null;
      const inWindow = (span: number) => sql`p.event_id >= ${first.id}::bigint and p.event_id < ${first.id}::bigint + ${String(span)}::bigint`;
      while (span > batch) {
        const [counted] = await query<{ n: number }>(tx, sql`select count(*)::int as n from event_h3_pending p where ${inWindow(span)}`);
        const n = Number(counted?.n ?? 0);
        if (n <= 2 * batch) break;
        span = Math.max(batch, Math.floor((span * batch) / n));
      }
      cursor = (BigInt(first.id) + BigInt(span)).toString();
      const rows = await query<{ id: string; x: number; y: number; cell: number | null; occurred_at: string; category: string }>(
        tx,
        sql`select e.id::text as id, ST_X(e.geom) as x, ST_Y(e.geom) as y, e.grid_cell_id as cell,
              e.occurred_at::text as occurred_at, e.category::text as category
            from event_h3_pending p join events e on e.id = p.event_id
            where ${inWindow(span)}
            order by p.event_id ${distributed ? sql`` : sql`for share of e skip locked`}`,
      );
      if (rows.length === 0) return 0; // every queued event of the window is being changed: on to the next
      const inDistrict = rows.filter((r) => r.cell !== null);
      if (inDistrict.length > 0) {
        const json = JSON.stringify(
          inDistrict.map((r) => {
            const [x, y] = [Number(r.x), Number(r.y)];
            const cells = H3_RESOLUTIONS.map((res) => h3ToDecimal(latLngToCell(y, x, res)));
            return { event_id: r.id, occurred_at: r.occurred_at, category: r.category, grid_cell_id: r.cell, h3_7: cells[0], h3_8: cells[1], h3_9: cells[2], h3_10: cells[3] };
          }),
        );
        await tx.execute(
          sql`insert into event_h3 (event_id, occurred_at, category, grid_cell_id, h3_7, h3_8, h3_9, h3_10)
              select t.event_id, t.occurred_at, t.category::event_category, t.grid_cell_id, t.h3_7, t.h3_8, t.h3_9, t.h3_10
              from json_to_recordset(${json}::json)
                as t(event_id bigint, occurred_at timestamptz, category text, grid_cell_id integer, h3_7 bigint, h3_8 bigint, h3_9 bigint, h3_10 bigint)
              order by t.event_id
              on conflict (event_id) do nothing`,
        );
      }
      await tx.execute(
        sql`delete from event_h3_pending where event_id = any(string_to_array(${rows.map((r) => r.id).join(",")}, ',')::bigint[])`,
      );
      return rows.length;
    });
    if (page === null) return added;
    options.onPage?.(page);
    added += page;
    // Sparse ids: a wider window next time (narrowed again above if it reaches a dense run).
    if (page < batch / 4) span = Math.min(span * 4, 2 ** 40);
  }
}
