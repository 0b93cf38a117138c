import { sql, type SQL } from "drizzle-orm";
import { latLngToCell } from "h3-js";
import { query } from "@/lib/db/query";
import type { Db } from "@/lib/db/types";

/**
 * Each event's H3 cell, stored (table event_h3, migration 0008) so that counting events per
 * hexagon is a GROUP BY in SQL. Neither database can compute H3 (PostGIS has no H3; the embedded
 * build cannot load h3-pg), so the cells are computed here with h3-js for events that have no
 * row yet — new events, and moved ones (a trigger drops their row) — just before counting.
 * Each event is binned once, not once per request.
 */
export const H3_RESOLUTIONS = [7, 8, 9, 10] as const;
export type H3Resolution = (typeof H3_RESOLUTIONS)[number];

/** The stored column of a resolution (fixed fragments: never an identifier built from input). */
export const H3_COLUMN: Record<H3Resolution, SQL> = { 7: sql`h.h3_7`, 8: sql`h.h3_8`, 9: sql`h.h3_9`, 10: sql`h.h3_10` };

const BATCH = 20_000;

/** H3 index as stored (a signed 64-bit number; H3 indexes fit below 2^63) and back. */
export const h3ToDecimal = (h3: string): string => BigInt(`0x${h3}`).toString();
export const h3FromDecimal = (decimal: string): string => BigInt(decimal).toString(16);

/**
 * Compute and store the H3 cells of the events matching `where` (conditions on `e`) that have
 * none yet. Returns how many were added. Pages through the events by id (each page looks only at
 * its own ids) and inserts in id order, so two requests filling at once take row locks in the
 * same order and cannot deadlock; `on conflict do nothing` lets the second one skip what the
 * first stored.
 */
export async function fillEventH3(db: Db, where: SQL): Promise<number> {
  let added = 0;
  let after = "0";
  for (;;) {
    // The next page of events without cells, after the last id seen: each event is looked at
    // once however many pages there are.
    const rows = await query<{ id: string; x: number; y: number }>(
      db,
      sql`select e.id::text as id, ST_X(e.geom) as x, ST_Y(e.geom) as y from events e
          where ${where} and e.id > ${after}::bigint and not exists (select 1 from event_h3 h where h.event_id = e.id)
          order by e.id limit ${BATCH}`,
    );
    if (rows.length === 0) return added;
    after = rows[rows.length - 1]!.id;
    const json = rows
      .map((r) => {
        const [x, y] = [Number(r.x), Number(r.y)];
        const cells = H3_RESOLUTIONS.map((res) => h3ToDecimal(latLngToCell(y, x, res)));
        return `{"event_id":${r.id},"h3_7":${cells[0]},"h3_8":${cells[1]},"h3_9":${cells[2]},"h3_10":${cells[3]}}`;
      })
      .join(",");
    await db.execute(
      sql`insert into event_h3 (event_id, h3_7, h3_8, h3_9, h3_10)
          select * from json_to_recordset(${`[${json}]`}::json) as t(event_id bigint, h3_7 bigint, h3_8 bigint, h3_9 bigint, h3_10 bigint)
          order by event_id
          on conflict (event_id) do nothing`,
    );
    added += rows.length;
    if (rows.length < BATCH) return added;
  }
}
