import { areaCodeParam } from "@/lib/auth/code-params";
import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { authorize, areaScope } from "@/lib/auth/authorize";
import { codeInStreetSql } from "@/lib/auth/in-street";
import { query } from "@/lib/db/query";
import type { Db } from "@/lib/db/types";
import { districtOfArea } from "@/lib/districts/settings-district";
import { settingInForce } from "@/lib/settings/district-settings";
import { chinaDate } from "@/lib/time/china-date";

/**
 * A street office's work lists: the buildings that need a visit, each list a query over the
 * register (deregistered buildings excluded), in the order the work is done.
 * - unchecked: not checked this calendar month (每月核对), never-checked first;
 * - unregistered: still to register (the cell's "N more to reach 95 %");
 * - rented-not-rentable: rented units while rules ①②③ or ⑤ bar renting;
 * - rectifications: open 停租整治, overdue first;
 * - empty-3-months: empty for the district's months (3) or more — deregistration candidates (注销);
 * - letters-missing: no responsibility letter signed.
 */
export const WORKLISTS = ["unchecked", "unregistered", "rented-not-rentable", "rectifications", "empty-3-months", "letters-missing"] as const;
export type Worklist = (typeof WORKLISTS)[number];

export const WorklistParams = z
  .object({
    street: areaCodeParam.optional(),
    cell: z.string().regex(/^\d{15}$/, "a grid cell is its 15-digit code").optional(),
    /** Part of an address, or a building's whole code. */
    q: z.string().trim().min(1).max(60).optional(),
    format: z.enum(["json", "csv"]).default("json"),
    limit: z.coerce.number().int().min(1).max(5000).default(500),
  })
  .strict();
export type WorklistParams = z.output<typeof WorklistParams>;

export interface WorklistRow {
  code: string;
  address: string;
  grid_cell_code: string | null;
  lon: number;
  lat: number;
  registration_status: string;
  rental_status: string;
  rented_units: number;
  last_inspected_on: string | null;
  empty_since: string | null;
  rule: string | null;
  due_on: string | null;
  days_overdue: number | null;
  /** The five flags, so a list can say why (e.g. which rule bars renting). */
  meets_rental_conditions: boolean;
  illegal_structure: boolean;
  fire_hazard: boolean;
  no_title: boolean;
  other_safety_hazard: boolean;
}

/** SQL: building `b` is due for this month's check (每月核对): not checked since the 1st of `today`'s month. */
export function uncheckedThisMonthSql(today: string): SQL {
  return sql`(b.last_inspected_on is null or b.last_inspected_on < ${`${today.slice(0, 7)}-01`}::date)`;
}

export async function getWorklist(db: Db, actor: Actor, list: Worklist, input: WorklistParams, now = new Date()): Promise<{ list: Worklist; total: number; rows: WorklistRow[] }> {
  authorize(actor, "read:register");
  const street = areaScope(actor, input.street);
  const today = chinaDate(now);
  const { value: emptyMonths } = await settingInForce(db, "empty_months", today, await districtOfArea(db, street));
  const scope = sql`b.registration_status <> 'deregistered'
    ${street ? sql`and ${codeInStreetSql(sql`g.community_code`, street)}` : sql``}
    ${input.cell ? sql`and g.code = ${input.cell}` : sql``}
    ${input.q ? sql`and (b.address like ${"%" + input.q.replace(/[\\%_]/g, (c) => "\\" + c) + "%"} or b.code = ${input.q})` : sql``}`;
  const LISTS: Record<Worklist, { where: SQL; order: SQL; join?: SQL }> = {
    unchecked: { where: uncheckedThisMonthSql(today), order: sql`b.last_inspected_on nulls first, b.code` },
    unregistered: { where: sql`b.registration_status = 'unregistered'`, order: sql`b.rented_units desc, b.code` },
    "rented-not-rentable": { where: sql`b.rented_units > 0 and not b.rentable`, order: sql`b.rental_status, b.code` },
    rectifications: {
      join: sql`join rectifications r on r.building_id = b.id and r.closed_on is null`,
      where: sql`true`,
      order: sql`r.due_on, b.code, r.rule`,
    },
    // Empty since the same day N calendar months ago or earlier.
    "empty-3-months": { where: sql`b.empty_since <= (${today}::date - make_interval(months => ${emptyMonths}::int))::date`, order: sql`b.empty_since, b.code` },
    "letters-missing": { where: sql`not b.responsibility_letter_signed`, order: sql`b.code` },
  };
  const chosen = LISTS[list];
  const rectified = list === "rectifications";
  const from = sql`from rental_buildings b join grid_cells g on g.id = b.grid_cell_id ${chosen.join ?? sql``} where ${scope} and ${chosen.where}`;
  const [count] = await query<{ n: number }>(db, sql`select count(*)::int as n ${from}`);
  const rows = await query<WorklistRow>(
    db,
    sql`select b.code, b.address, g.code as grid_cell_code, ST_X(b.geom) as lon, ST_Y(b.geom) as lat,
               b.registration_status::text as registration_status, b.rental_status, b.rented_units,
               b.last_inspected_on::text as last_inspected_on, b.empty_since::text as empty_since,
               b.meets_rental_conditions, b.illegal_structure, b.fire_hazard, b.no_title, b.other_safety_hazard,
               ${rectified ? sql`r.rule, r.due_on::text as due_on, (${today}::date - r.due_on) as days_overdue` : sql`null as rule, null as due_on, null as days_overdue`}
        ${from} order by ${chosen.order} limit ${input.format === "csv" ? 100_000 : input.limit}`,
  );
  return {
    list,
    total: Number(count?.n ?? 0),
    rows: rows.map((r) => ({ ...r, lon: Number(r.lon), lat: Number(r.lat), rented_units: Number(r.rented_units), days_overdue: r.days_overdue === null ? null : Number(r.days_overdue) })),
  };
}
