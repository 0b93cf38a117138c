import { sql } from "drizzle-orm";
import { z } from "zod";
import { appendAudit } from "@/lib/audit/append-audit";
import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/auth/authorize";
import { inTransaction, jsonColumn, query, queryOne } from "@/lib/db/query";
import type { Db } from "@/lib/db/types";
import { DEFAULT_DUE_WORKING_DAYS } from "@/lib/cases/case-defaults";
import type { CaseCategory } from "@/lib/vocabulary";

/**
 * District settings other than coverage targets, each with the date it applies from (table
 * district_settings). A setting nobody recorded falls back to the default named here, and says so.
 */
const caseDays = z.number().int().min(1).max(120);

export const SETTINGS = {
  /** Days a rectification (停租整治) has from the check that opened it. */
  rectification_days: { schema: z.number().int().min(1).max(365), fallback: 30 },
  /** Months a building may stand empty before it is a deregistration candidate (注销). */
  empty_months: { schema: z.number().int().min(1).max(24), fallback: 3 },
  /** Working days a case of each category has from its report (抄告…20个工作日内反馈). */
  case_days_stall_violation: { schema: caseDays, fallback: DEFAULT_DUE_WORKING_DAYS.stall_violation },
  case_days_complaint: { schema: caseDays, fallback: DEFAULT_DUE_WORKING_DAYS.complaint },
  case_days_fire_hazard: { schema: caseDays, fallback: DEFAULT_DUE_WORKING_DAYS.fire_hazard },
  case_days_unlicensed_business: { schema: caseDays, fallback: DEFAULT_DUE_WORKING_DAYS.unlicensed_business },
  case_days_illegal_structure: { schema: caseDays, fallback: DEFAULT_DUE_WORKING_DAYS.illegal_structure },
} as const;
/** The setting that holds a case category's working days. */
export const caseDaysSetting = (category: CaseCategory) => `case_days_${category}` as const;
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

export const SettingInput = z
  .object({
    key: z.enum(Object.keys(SETTINGS) as [SettingKey, ...SettingKey[]], { error: `key is one of ${Object.keys(SETTINGS).join(", ")}` }),
    value: z.number(),
    valid_from: z.iso.date("valid_from: use a date like 2026-12-01"),
    note: z.string().trim().max(300).default(""),
  })
  .strict()
  .superRefine((input, ctx) => {
    const check = SETTINGS[input.key].schema.safeParse(input.value);
    if (!check.success) ctx.addIssue({ code: "custom", path: ["value"], message: `value: ${check.error.issues[0]?.message ?? "out of range"}` });
  });
export type SettingInput = z.output<typeof SettingInput>;

export interface SettingHistory {
  key: SettingKey;
  current: SettingInForce<number>;
  fallback: number;
  history: { value: number; valid_from: string; note: string; recorded_by: string }[];
}

/** Every setting today (or its fallback) and its history, newest first. */
export async function listSettings(db: Db, actor: Actor, today: string): Promise<SettingHistory[]> {
  authorize(actor, "read:analytics");
  const rows = await query<{ key: string; value: unknown; valid_from: string; note: string; recorded_by: string }>(
    db,
    sql`select key, value, valid_from::text as valid_from, note, recorded_by from district_settings order by key, valid_from desc`,
  );
  const out: SettingHistory[] = [];
  for (const key of Object.keys(SETTINGS) as SettingKey[]) {
    out.push({
      key,
      current: await settingInForce(db, key, today),
      fallback: SETTINGS[key].fallback,
      history: rows.filter((r) => r.key === key).map((r) => ({ value: Number(jsonColumn(r.value)), valid_from: r.valid_from, note: r.note, recorded_by: r.recorded_by })),
    });
  }
  return out;
}

/** Record a setting's value from a date on (admins; audited). The same key and date again replaces it. */
export async function setSetting(db: Db, actor: Actor, input: SettingInput): Promise<{ key: SettingKey; value: number; valid_from: string }> {
  authorize(actor, "setup:district");
  return inTransaction(db, async (t) => {
    const before = await queryOne(t, sql`select value from district_settings where key = ${input.key} and valid_from = ${input.valid_from}::date`);
    await t.execute(
      sql`insert into district_settings (key, value, valid_from, note, recorded_by)
          values (${input.key}, ${JSON.stringify(input.value)}::jsonb, ${input.valid_from}::date, ${input.note}, ${actor.label})
          on conflict (key, valid_from) do update set value = excluded.value, note = excluded.note, recorded_by = excluded.recorded_by, recorded_at = now()`,
    );
    await appendAudit(t, actor, { entity: "district_setting", entityId: input.key, action: before ? "update" : "create", before: before ?? undefined, after: input });
    return { key: input.key, value: input.value, valid_from: input.valid_from };
  });
}
