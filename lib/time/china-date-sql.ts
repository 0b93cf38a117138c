import { sql, type SQL } from "drizzle-orm";

/**
 * SQL: the China date (UTC+8, no daylight saving) of a timestamptz column, whatever the session's
 * time zone — the SQL twin of `chinaDate()` in ./china-date (kept apart: that file runs in the browser too).
 */
export function chinaDateSql(timestamp: SQL): SQL {
  return sql`((${timestamp} at time zone 'UTC') + interval '8 hours')::date`;
}
