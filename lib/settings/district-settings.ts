import { sql } from "drizzle-orm";
import { z } from "zod";
import { appendAudit } from "@/lib/audit/append-audit";
import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/auth/authorize";
import { districtCodeParam } from "@/lib/auth/code-params";
import { settingsDistrict } from "@/lib/districts/settings-district";
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
  /** The district whose own value this is; null: the value for every district (or the fallback). */
  districtCode: string | null;
}

/**
 * The value of a setting in force on a date (YYYY-MM-DD) in `district`: the district's own latest
 * value from then or before; else the latest for every district; else the fallback. `district`
 * null: the values for every district only (see `districtOfArea`).
 */
export async function settingInForce(db: Db, key: SettingKey, date: string, district: string | null): Promise<SettingInForce<number>> {
  const row = await queryOne<{ value: unknown; valid_from: string; district_code: string | null }>(
    db,
    sql`select value, valid_from::text as valid_from, district_code from district_settings
        where key = ${key} and valid_from <= ${date}::date and (district_code is null ${district ? sql`or district_code = ${district}` : sql``})
        order by district_code is null, valid_from desc limit 1`,
  );
  const parsed = row ? SETTINGS[key].schema.safeParse(jsonColumn(row.value)) : null;
  if (row && parsed?.success) return { value: parsed.data, validFrom: row.valid_from, districtCode: row.district_code };
  return { value: SETTINGS[key].fallback, validFrom: null, districtCode: null };
}

export const SettingInput = z
  .object({
    /** The district the value is for; null: every district; left out: the account's own (or every district). */
    district_code: districtCodeParam.nullable().optional(),
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

/**
 * Every setting today in one district (or its fallback) and the district's own history, newest
 * first (`district` null or left out: the values for every district). An account limited to a
 * district (or a street's) lists its own district's (see `settingsDistrict`).
 */
export async function listSettings(db: Db, actor: Actor, options: { district?: string | null; today: string }): Promise<{ district: string | null; settings: SettingHistory[] }> {
  authorize(actor, "read:analytics");
  const district = await settingsDistrict(db, actor, options.district, false);
  const rows = await query<{ key: string; value: unknown; valid_from: string; note: string; recorded_by: string }>(
    db,
    sql`select key, value, valid_from::text as valid_from, note, recorded_by from district_settings
        where district_code is not distinct from ${district} order by key, valid_from desc`,
  );
  const out: SettingHistory[] = [];
  for (const key of Object.keys(SETTINGS) as SettingKey[]) {
    out.push({
      key,
      current: await settingInForce(db, key, options.today, district),
      fallback: SETTINGS[key].fallback,
      history: rows.filter((r) => r.key === key).map((r) => ({ value: Number(jsonColumn(r.value)), valid_from: r.valid_from, note: r.note, recorded_by: r.recorded_by })),
    });
  }
  return { district, settings: out };
}

/**
 * Record a setting's value from a date on (admins, a district's admin for its own district only;
 * audited). The same key and date again in the same district (or for every district) replaces it.
 */
export async function setSetting(
  db: Db,
  actor: Actor,
  input: SettingInput,
): Promise<{ district_code: string | null; key: SettingKey; value: number; valid_from: string }> {
  authorize(actor, "setup:district");
  const district = await settingsDistrict(db, actor, input.district_code, true);
  return inTransaction(db, async (t) => {
    const before = await queryOne(
      t,
      sql`select value from district_settings
          where district_code is not distinct from ${district} and key = ${input.key} and valid_from = ${input.valid_from}::date`,
    );
    await t.execute(
      sql`insert into district_settings (district_code, key, value, valid_from, note, recorded_by)
          values (${district}, ${input.key}, ${JSON.stringify(input.value)}::jsonb, ${input.valid_from}::date, ${input.note}, ${actor.label})
          on conflict on constraint district_settings_scope_key_from do update
            set value = excluded.value, note = excluded.note, recorded_by = excluded.recorded_by, recorded_at = now()`,
    );
    const after = { district_code: district, key: input.key, value: input.value, valid_from: input.valid_from };
    await appendAudit(t, actor, { entity: "district_setting", entityId: district ? `${district}:${input.key}` : input.key, action: before ? "update" : "create", before: before ?? undefined, after: { ...after, note: input.note } });
    return after;
  });
}
