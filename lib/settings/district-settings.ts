import { sql } from "drizzle-orm";
import { z } from "zod";
import { jsonColumn, queryOne } from "@/lib/db/query";
import type { Db } from "@/lib/db/types";

/**
 * District settings other than coverage targets, each with the date it applies from (table
 * district_settings). A setting nobody recorded falls back to the default named here, and says so.
 */
export const SETTINGS = {
  /** Days a rectification (停租整治) has from the check that opened it. */
  rectification_days: { schema: z.number().int().min(1).max(365), fallback: 30 },
  /** Months a building may stand empty before it is a deregistration candidate (注销). */
  empty_months: { schema: z.number().int().min(1).max(24), fallback: 3 },
} as const;
export type SettingKey = keyof typeof SETTINGS;

export interface SettingInForce<T> {
  value: T;
  /** null when no setting was recorded and the fallback applies. */
  validFrom: string | null;
}

/** The value of a setting in force on a date (YYYY-MM-DD). */
export async function settingInForce(db: Db, key: SettingKey, date: string): Promise<SettingInForce<number>> {
  const row = await queryOne<{ value: unknown; valid_from: string }>(
    db,
    sql`select value, valid_from::text as valid_from from district_settings
        where key = ${key} and valid_from <= ${date}::date order by valid_from desc limit 1`,
  );
  const parsed = row ? SETTINGS[key].schema.safeParse(jsonColumn(row.value)) : null;
  if (row && parsed?.success) return { value: parsed.data, validFrom: row.valid_from };
  return { value: SETTINGS[key].fallback, validFrom: null };
}
