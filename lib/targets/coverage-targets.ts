import { sql } from "drizzle-orm";
import { z } from "zod";
import { COVERAGE_METRICS, DEFAULT_TARGETS, type CoverageMetric } from "@/lib/analytics/targets";
import { appendAudit } from "@/lib/audit/append-audit";
import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/auth/authorize";
import { districtCodeParam } from "@/lib/auth/code-params";
import { districtOfCode } from "@/lib/auth/street-code";
import { districtOfArea, settingsDistrict } from "@/lib/districts/settings-district";
import { inTransaction, query, queryOne } from "@/lib/db/query";
import type { Db } from "@/lib/db/types";
import { chinaDate } from "@/lib/time/china-date";

/** A target as it applies on some date: its value and where it comes from. */
export interface TargetInForce {
  metric: CoverageMetric;
  value: number;
  /** The date this value applies from; null for a fallback. */
  valid_from: string | null;
  source: { title: string; number: string | null; date: string | null } | null;
  own_choice: boolean;
  note: string;
  /** No target recorded for this metric on that date: Grid Atlas's fallback value. */
  fallback: boolean;
  /** The district whose own row this is; null: the row for every district (or a fallback). */
  district_code: string | null;
}

/** Each metric's target, as a period is judged against. */
export type Targets = Record<CoverageMetric, TargetInForce>;

/**
 * The targets an area is judged against: `whole` for the area's total; in an area of several
 * districts (the whole city), each district's own set for the units inside it (`byDistrict`; a
 * unit whose district is missing there is judged by `whole`).
 */
export interface AreaTargets {
  whole: Targets;
  byDistrict: Record<string, Targets>;
}

/** The targets a unit (a street, community or cell, by code) of an area is judged against. */
export function targetsOfUnit(targets: AreaTargets, code: string): Targets {
  return targets.byDistrict[districtOfCode(code)] ?? targets.whole;
}

interface TargetRow {
  id: number;
  district_code: string | null;
  metric: CoverageMetric;
  value: number;
  valid_from: string;
  source_title: string | null;
  source_number: string | null;
  source_date: string | null;
  own_choice: boolean;
  note: string;
  recorded_by: string;
  recorded_at: string;
}

const COLUMNS = sql`id, district_code, metric, value, valid_from::text, source_title, source_number, source_date::text, own_choice, note, recorded_by, recorded_at::text`;

function inForce(row: TargetRow): TargetInForce {
  return {
    metric: row.metric,
    value: Number(row.value),
    valid_from: row.valid_from,
    source: row.source_title ? { title: row.source_title, number: row.source_number, date: row.source_date } : null,
    own_choice: row.own_choice,
    note: row.note,
    fallback: false,
    district_code: row.district_code,
  };
}

function fallback(metric: CoverageMetric): TargetInForce {
  return { metric, value: DEFAULT_TARGETS[metric], valid_from: null, source: null, own_choice: false, note: "", fallback: true, district_code: null };
}


/**
 * Each metric's target in force on `date` (China date) in `district`: the district's own latest row
 * valid from then or before; else the latest such row for every district; else the fallback.
 * `district` null: the rows for every district only (the whole city; see `districtOfArea`).
 */
export async function targetsInForce(db: Db, date: string, district: string | null): Promise<Record<CoverageMetric, TargetInForce>> {
  const rows = await query<TargetRow>(
    db,
    sql`select distinct on (metric) ${COLUMNS} from coverage_targets
        where valid_from <= ${date}::date and (district_code is null ${district ? sql`or district_code = ${district}` : sql``})
        order by metric, district_code is null, valid_from desc`,
  );
  return Object.fromEntries(
    COVERAGE_METRICS.map((m) => {
      const row = rows.find((r) => r.metric === m);
      return [m, row ? inForce(row) : fallback(m)];
    }),
  ) as Record<CoverageMetric, TargetInForce>;
}

/**
 * The targets in force on `date` for an area (`areaScope`'s code; undefined: the whole system) and
 * for its units' districts when it spans several: each unit is judged by its own district's.
 */
export async function areaTargetsInForce(db: Db, date: string, area: string | undefined, unitCodes: Iterable<string>): Promise<AreaTargets> {
  const district = await districtOfArea(db, area);
  const whole = await targetsInForce(db, date, district);
  if (district) return { whole, byDistrict: {} };
  const byDistrict: Record<string, Targets> = {};
  for (const code of new Set([...unitCodes].map(districtOfCode))) byDistrict[code] = await targetsInForce(db, date, code);
  return { whole, byDistrict };
}

export interface TargetHistory {
  metric: CoverageMetric;
  /** In force today in the district listed (its own, the row for every district, or the fallback). */
  current: TargetInForce;
  /** The district's own recorded values (or every district's rows), newest first, later-dated ones included. */
  history: TargetRow[];
}

/**
 * Every metric's target today and its history in one district (`district`; null or left out: the
 * rows for every district), for anyone who may read analyses. An account limited to a district
 * (or a street's) lists its own district's (see `settingsDistrict`).
 */
export async function listTargets(db: Db, actor: Actor, options: { district?: string | null; today?: string } = {}): Promise<{ district: string | null; targets: TargetHistory[] }> {
  authorize(actor, "read:analytics");
  const district = await settingsDistrict(db, actor, options.district, false);
  const current = await targetsInForce(db, options.today ?? chinaDate(), district);
  const rows = await query<TargetRow>(
    db,
    sql`select ${COLUMNS} from coverage_targets where district_code is not distinct from ${district} order by metric, valid_from desc`,
  );
  return { district, targets: COVERAGE_METRICS.map((metric) => ({ metric, current: current[metric], history: rows.filter((r) => r.metric === metric) })) };
}

const isoDate = z.iso.date("a date like 2026-12-01");

export const TargetInput = z
  .object({
    /** The district the target is for; null: every district; left out: the account's own (or every district). */
    district_code: districtCodeParam.nullable().optional(),
    metric: z.enum(COVERAGE_METRICS, { error: `metric is one of ${COVERAGE_METRICS.join(", ")}` }),
    value: z.number({ error: "value is a share between 0 and 1 (0.95 for 95 %)" }).min(0, "value is at least 0").max(1, "value is a share between 0 and 1 (0.95 for 95 %)"),
    valid_from: isoDate,
    source_title: z.string().trim().min(1).max(300).optional(),
    source_number: z.string().trim().max(100).optional(),
    source_date: isoDate.optional(),
    own_choice: z.boolean().default(false),
    note: z.string().max(1000).default(""),
  })
  .strict()
  .refine((t) => t.own_choice || t.source_title, { message: "name the document the target comes from (source_title), or mark it as the district's own choice (own_choice: true)", path: ["source_title"] });
export type TargetInput = z.output<typeof TargetInput>;

/**
 * Record a target from a date on (admins; a district's admin for its own district only). A value
 * for a date that already has one in the same district (or for every district) replaces it;
 * earlier values stay, so past periods keep the target they were judged against. Audited.
 */
export async function setTarget(db: Db, actor: Actor, input: TargetInput): Promise<TargetRow> {
  authorize(actor, "setup:district");
  const district = await settingsDistrict(db, actor, input.district_code, true);
  return inTransaction(db, async (t) => {
    const before = await queryOne<TargetRow>(
      t,
      sql`select ${COLUMNS} from coverage_targets
          where district_code is not distinct from ${district} and metric = ${input.metric} and valid_from = ${input.valid_from}::date`,
    );
    const row = await queryOne<TargetRow>(
      t,
      sql`insert into coverage_targets (district_code, metric, value, valid_from, source_title, source_number, source_date, own_choice, note, recorded_by)
          values (${district}, ${input.metric}, ${input.value}, ${input.valid_from}::date, ${input.source_title ?? null}, ${input.source_number ?? null},
                  ${input.source_date ?? null}::date, ${input.own_choice}, ${input.note}, ${actor.label})
          on conflict on constraint coverage_targets_scope_metric_from do update set value = excluded.value, source_title = excluded.source_title,
            source_number = excluded.source_number, source_date = excluded.source_date, own_choice = excluded.own_choice,
            note = excluded.note, recorded_by = excluded.recorded_by, recorded_at = now(), demo = false
          returning ${COLUMNS}`,
    );
    await appendAudit(t, actor, { entity: "coverage_target", entityId: row!.id, action: before ? "update" : "create", before: before ?? undefined, after: row });
    return row!;
  });
}
