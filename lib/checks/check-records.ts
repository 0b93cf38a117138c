import { sql, type SQL } from "drizzle-orm";
import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/auth/authorize";
import { query, queryOne } from "@/lib/db/query";
import type { Db } from "@/lib/db/types";
import { NotFoundError } from "@/lib/http/errors";
import { cellScope } from "@/lib/register/scope";
import { chinaDate } from "@/lib/time/china-date";
import type { RuleColumn } from "./five-rules";

export interface CheckRecord {
  id: number;
  checked_on: string;
  checked_by: string;
  meets_rental_conditions: boolean;
  illegal_structure: boolean;
  fire_hazard: boolean;
  no_title: boolean;
  other_safety_hazard: boolean;
  letter_signed: boolean;
  letter_signed_on: string | null;
  rented_units: number;
  empty: boolean;
  note: string;
  event_id: number | null;
}

export interface RectificationRecord {
  id: number;
  building_code: string;
  rule: Exclude<RuleColumn, "no_title">;
  opened_on: string;
  due_on: string;
  closed_on: string | null;
  /** Open after its due date (China time, today). */
  overdue: boolean;
  /** Days past due (positive) or left (negative); null once closed. */
  days_overdue: number | null;
}

/** Columns of a check, aliased `c`. */
export const CHECK_COLUMNS = sql`c.id, c.checked_on::text as checked_on, c.checked_by_name as checked_by, c.meets_rental_conditions,
  c.illegal_structure, c.fire_hazard, c.no_title, c.other_safety_hazard, c.letter_signed, c.letter_signed_on::text as letter_signed_on,
  c.rented_units, c.empty, c.note, c.event_id::float8 as event_id`;

/** Columns of a rectification aliased `r` (its building `b`), judged on `today`. */
export const RECTIFICATION_COLUMNS = (today: string): SQL => sql`r.id, b.code as building_code, r.rule, r.opened_on::text as opened_on,
  r.due_on::text as due_on, r.closed_on::text as closed_on, (r.closed_on is null and r.due_on < ${today}::date) as overdue,
  case when r.closed_on is null then (${today}::date - r.due_on) end as days_overdue`;

/** A building's checks (newest first) and its rectifications (open first). */
export async function listBuildingChecks(db: Db, actor: Actor, code: string, now = new Date()): Promise<{ checks: CheckRecord[]; rectifications: RectificationRecord[] }> {
  authorize(actor, "read:register");
  const building = await queryOne<{ id: number }>(
    db,
    sql`select b.id from rental_buildings b left join grid_cells g on g.id = b.grid_cell_id where b.code = ${code} and ${cellScope(actor)}`,
  );
  if (!building) throw new NotFoundError().as("building.not_found", { code });
  const checks = await query<CheckRecord>(db, sql`select ${CHECK_COLUMNS} from building_checks c where c.building_id = ${building.id} order by c.checked_on desc, c.id desc`);
  const rectifications = await query<RectificationRecord>(
    db,
    sql`select ${RECTIFICATION_COLUMNS(chinaDate(now))} from rectifications r join rental_buildings b on b.id = r.building_id
        where r.building_id = ${building.id} order by r.closed_on is not null, r.due_on, r.id`,
  );
  return { checks: checks.map(numbers), rectifications: rectifications.map(rectificationNumbers) };
}

export const numbers = (c: CheckRecord): CheckRecord => ({ ...c, id: Number(c.id), rented_units: Number(c.rented_units), event_id: c.event_id === null ? null : Number(c.event_id) });
export const rectificationNumbers = (r: RectificationRecord): RectificationRecord => ({
  ...r,
  id: Number(r.id),
  days_overdue: r.days_overdue === null ? null : Number(r.days_overdue),
});
