import { sql } from "drizzle-orm";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { query, queryOne } from "@/lib/db/query";
import type { Db } from "@/lib/db/types";
import { addMonths, chinaMonth } from "@/lib/time/china-date";
import { freezeMonth } from "./freeze-month";

/** How far back the job looks for months to freeze. */
export const MONTHS_KEPT_LIVE_BACK = 12;

/**
 * Freeze every month that has ended and is not frozen yet, from the register's first known month
 * (its history) and at most twelve months back. Run at start-up and hourly; harmless to repeat.
 */
export async function closeEndedMonths(db: Db, now = new Date()): Promise<string[]> {
  const first = await queryOne<{ month: string | null }>(
    db,
    sql`select to_char(min(valid_from) at time zone 'Asia/Shanghai', 'YYYY-MM') as month from rental_building_history`,
  );
  if (!first?.month) return [];
  const current = chinaMonth(now);
  let month = first.month > addMonths(current, -MONTHS_KEPT_LIVE_BACK) ? first.month : addMonths(current, -MONTHS_KEPT_LIVE_BACK);
  const frozen = new Set((await query<{ month: string }>(db, sql`select to_char(month, 'YYYY-MM') as month from monthly_freezes`)).map((r) => r.month));
  const written: string[] = [];
  for (; month < current; month = addMonths(month, 1)) {
    if (frozen.has(month)) continue;
    const result = await freezeMonth(db, SYSTEM_ACTOR, month, { now });
    if (result.written) written.push(month);
  }
  return written;
}
