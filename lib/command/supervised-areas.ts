import { chinaDateSql } from "@/lib/time/china-date-sql";
import "server-only";
import { sql } from "drizzle-orm";
import type { Feature, FeatureCollection, MultiPolygon } from "geojson";
import { z } from "zod";
import { appendAudit } from "@/lib/audit/append-audit";
import type { Actor } from "@/lib/auth/actor";
import { authorize, areaScope } from "@/lib/auth/authorize";
import { codeInStreetSql, streetOfSql } from "@/lib/auth/in-street";
import { activeDepartment } from "@/lib/cases/departments";
import { inTransaction, jsonColumn, query, queryOne } from "@/lib/db/query";
import type { Db } from "@/lib/db/types";
import { DetailedHttpError, HttpError, NotFoundError } from "@/lib/http/errors";
import { CellCode } from "@/lib/register/grid-cells";
import { addDays, chinaDate, chinaMidnight, daysBetween } from "@/lib/time/china-date";
import { CASE_CATEGORIES, type CaseCategory } from "@/lib/vocabulary";
import { mondayOf, mondayOnOrAfter, wholeWeeksBetween, wholeWeeksUntil } from "./weeks";

/**
 * 挂牌督办: an area (a set of grid cells in one street) put under supervision with a measurable
 * target — at most `max_per_week` events of a category a week for `target_weeks` whole weeks in
 * a row — and a deadline. It passes acceptance (摘牌) only when the target is met.
 */
export const NewSupervisedArea = z
  .object({
    name: z.string().trim().min(1).max(80),
    cells: z.array(CellCode).min(1).max(200),
    department: z.string().max(40),
    category: z.enum(CASE_CATEGORIES),
    max_per_week: z.number().int().min(0).max(10_000),
    target_weeks: z.number().int().min(1).max(12).default(4),
    deadline: z.iso.date("deadline: use a date like 2027-03-31"),
  })
  .strict();
export type NewSupervisedArea = z.output<typeof NewSupervisedArea>;

/** An area id from a path; anything else is an area that does not exist. */
export function areaId(raw: string): number {
  if (!/^\d{1,9}$/.test(raw)) throw new NotFoundError().as("area.not_found", { id: raw.slice(0, 40) });
  return Number(raw);
}

export const AcceptArea = z.object({ note: z.string().trim().min(1, "note: say what was checked before the sign comes down").max(500) }).strict();

export interface WeekCount {
  /** The week's Monday (China date). */
  week: string;
  count: number;
  /** Whether the week is under supervision (on or after the first whole week after opening). */
  supervised: boolean;
}

export interface SupervisedAreaProperties {
  id: number;
  name: string;
  street_code: string;
  street_name_zh: string;
  street_name_en: string;
  department_code: string;
  department_name_zh: string;
  department_name_en: string;
  category: CaseCategory;
  max_per_week: number;
  target_weeks: number;
  opened_on: string;
  deadline: string;
  status: "open" | "accepted";
  opened_by: string;
  accepted_on: string | null;
  accepted_by: string | null;
  accept_note: string | null;
  cells: string[];
  /** Still open after its deadline. */
  overdue: boolean;
  /** The last target_weeks whole supervised weeks each at most max_per_week. */
  target_met: boolean;
  /** Whole weeks from 8 before opening to the last one before today. */
  weeks: WeekCount[];
}

export type SupervisedAreaCollection = FeatureCollection<MultiPolygon, SupervisedAreaProperties> & { today: string };

/** Weeks shown before opening, for comparison with how it was. */
const WEEKS_BEFORE = 8;

interface AreaRow extends Omit<SupervisedAreaProperties, "overdue" | "target_met" | "weeks"> {
  geometry: MultiPolygon | string;
}

async function weeklyCounts(db: Db, area: AreaRow, today: string): Promise<WeekCount[]> {
  // Supervision counts from the first whole week after the day it opened.
  const firstSupervised = mondayOnOrAfter(addDays(area.opened_on, 1));
  const weeks = wholeWeeksBetween(addDays(mondayOf(area.opened_on), -7 * WEEKS_BEFORE), today).slice(-52);
  if (!weeks.length) return [];
  const start = weeks[0]!;
  const end = addDays(weeks[weeks.length - 1]!, 7);
  const days = await query<{ day: string; n: number }>(
    db,
    sql`select ${chinaDateSql(sql`e.occurred_at`)}::text as day, count(*)::int as n
        from events e join supervised_area_cells c on c.grid_cell_id = e.grid_cell_id
        where c.area_id = ${area.id} and e.category = ${area.category}
          and e.occurred_at >= ${chinaMidnight(start).toISOString()}::timestamptz and e.occurred_at < ${chinaMidnight(end).toISOString()}::timestamptz
        group by 1`,
  );
  const counts = weeks.map((week) => ({ week, count: 0, supervised: week >= firstSupervised }));
  for (const d of days) counts[Math.floor(daysBetween(start, d.day) / 7)]!.count += Number(d.n);
  return counts;
}

/** Whether the last `target_weeks` whole supervised weeks are each within the target. */
export function targetMet(weeks: readonly WeekCount[], maxPerWeek: number, targetWeeks: number): boolean {
  const supervised = weeks.filter((w) => w.supervised);
  return supervised.length >= targetWeeks && supervised.slice(-targetWeeks).every((w) => w.count <= maxPerWeek);
}

const SELECT = sql`select a.id, a.name, a.street_code, s.name_zh as street_name_zh, s.name_en as street_name_en,
    a.department_code, d.name_zh as department_name_zh, d.name_en as department_name_en, a.category::text as category,
    a.max_per_week, a.target_weeks, a.opened_on::text as opened_on, a.deadline::text as deadline, a.status, a.opened_by,
    a.accepted_on::text as accepted_on, a.accepted_by, a.accept_note,
    array(select g.code from supervised_area_cells c join grid_cells g on g.id = c.grid_cell_id where c.area_id = a.id order by g.code) as cells,
    ST_AsGeoJSON(a.geom, 7)::json as geometry
  from supervised_areas a join streets s on s.code = a.street_code join departments d on d.code = a.department_code`;

async function toFeature(db: Db, row: AreaRow, today: string): Promise<Feature<MultiPolygon, SupervisedAreaProperties>> {
  const { geometry, ...props } = row;
  const weeks = await weeklyCounts(db, row, today);
  return {
    type: "Feature",
    id: row.id,
    geometry: jsonColumn(geometry),
    properties: {
      ...props,
      id: Number(props.id),
      max_per_week: Number(props.max_per_week),
      target_weeks: Number(props.target_weeks),
      overdue: props.status === "open" && props.deadline < today,
      target_met: targetMet(weeks, Number(props.max_per_week), Number(props.target_weeks)),
      weeks,
    },
  };
}

/** Every supervised area (a street office: its street's), open ones first, most overdue first. */
export async function listSupervisedAreas(db: Db, actor: Actor, today = chinaDate()): Promise<SupervisedAreaCollection> {
  authorize(actor, "read:analytics");
  const street = areaScope(actor);
  const rows = await query<AreaRow>(
    db,
    sql`${SELECT} where ${street ? codeInStreetSql(sql`a.street_code`, street) : sql`true`} order by a.status = 'accepted', a.deadline, a.id`,
  );
  const features = [];
  for (const row of rows) features.push(await toFeature(db, row, today));
  return { type: "FeatureCollection", features, today };
}

export async function getSupervisedArea(db: Db, actor: Actor, id: number, today = chinaDate()): Promise<Feature<MultiPolygon, SupervisedAreaProperties>> {
  authorize(actor, "read:analytics");
  const street = areaScope(actor);
  const row = await queryOne<AreaRow>(db, sql`${SELECT} where a.id = ${id} and ${street ? codeInStreetSql(sql`a.street_code`, street) : sql`true`}`);
  if (!row) throw new NotFoundError().as("area.not_found", { id });
  return toFeature(db, row, today);
}

/** Open a supervised area over grid cells of one street (the command centre; a district's, inside its district). */
export async function openSupervisedArea(db: Db, actor: Actor, input: NewSupervisedArea, today = chinaDate()): Promise<Feature<MultiPolygon, SupervisedAreaProperties>> {
  authorize(actor, "manage:cases");
  if (input.deadline <= today) throw new HttpError(422, "").as("area.deadline_past", { deadline: input.deadline, today });
  const weeksLeft = wholeWeeksUntil(today, input.deadline);
  if (weeksLeft < input.target_weeks) {
    throw new HttpError(422, "").as("area.target_unmeasurable", { weeks: input.target_weeks, left: weeksLeft, deadline: input.deadline });
  }
  const codes = [...new Set(input.cells)];
  const id = await inTransaction(db, async (t) => {
    const cells = await query<{ id: number; code: string; street: string }>(
      t,
      sql`select id, code, ${streetOfSql(sql`community_code`)} as street from grid_cells where code = any(string_to_array(${codes.join(",")}, ','))
          and ${actor.districtCode ? codeInStreetSql(sql`code`, actor.districtCode) : sql`true`}`,
    );
    const missing = codes.filter((c) => !cells.some((cell) => cell.code === c));
    if (missing.length) throw new HttpError(422, "").as("area.cells_unknown", { list: missing.slice(0, 10).join(", ") });
    const streets = [...new Set(cells.map((c) => c.street))];
    if (streets.length > 1) throw new HttpError(422, "").as("area.cells_span_streets", { list: streets.join(", ") });
    const department = await activeDepartment(t, input.department);
    const row = await queryOne<{ id: number }>(
      t,
      sql`insert into supervised_areas (name, street_code, department_code, category, max_per_week, target_weeks, opened_on, deadline, opened_by, geom)
          select ${input.name}, ${streets[0]!}, ${department.code}, ${input.category}, ${input.max_per_week}, ${input.target_weeks},
                 ${today}::date, ${input.deadline}::date, ${actor.label}, ST_Multi(ST_Union(g.geom))
          from grid_cells g where g.id = any(string_to_array(${cells.map((c) => c.id).join(",")}, ',')::int[])
          returning id`,
    );
    const areaId = Number(row!.id);
    await t.execute(
      sql`insert into supervised_area_cells (area_id, grid_cell_id)
          select ${areaId}, unnest(string_to_array(${cells.map((c) => c.id).join(",")}, ',')::int[])`,
    );
    await appendAudit(t, actor, { entity: "supervised_areas", entityId: areaId, action: "create", after: { ...input, cells: codes } });
    return areaId;
  });
  return getSupervisedArea(db, actor, id, today);
}

/** 验收摘牌: the command centre takes the sign down, only when the target is met, with a note. */
export async function acceptSupervisedArea(db: Db, actor: Actor, id: number, note: string, today = chinaDate()): Promise<Feature<MultiPolygon, SupervisedAreaProperties>> {
  authorize(actor, "manage:cases");
  await inTransaction(db, async (t) => {
    const row = await queryOne<AreaRow>(t, sql`${SELECT} where a.id = ${id} for update of a`);
    if (!row) throw new NotFoundError().as("area.not_found", { id });
    if (row.status === "accepted") throw new HttpError(409, "").as("area.already_accepted", { date: row.accepted_on ?? "" });
    const weeks = await weeklyCounts(t, row, today);
    if (!targetMet(weeks, Number(row.max_per_week), Number(row.target_weeks))) {
      const recent = weeks.filter((w) => w.supervised).slice(-Number(row.target_weeks));
      if (recent.length < Number(row.target_weeks)) {
        throw new DetailedHttpError(409, "", { weeks: recent }).as("area.target_not_measured", { weeks: Number(row.target_weeks), done: recent.length });
      }
      throw new DetailedHttpError(409, "", { weeks: recent }).as("area.target_not_met", {
        weeks: Number(row.target_weeks),
        max: Number(row.max_per_week),
        counts: recent.map((w) => w.count).join(", "),
      });
    }
    await t.execute(
      sql`update supervised_areas set status = 'accepted', accepted_on = ${today}::date, accepted_by = ${actor.label}, accept_note = ${note} where id = ${id}`,
    );
    await appendAudit(t, actor, { entity: "supervised_areas", entityId: id, action: "accept", before: { status: "open" }, after: { status: "accepted", note } });
  });
  return getSupervisedArea(db, actor, id, today);
}
