import { chinaDateSql } from "@/lib/time/china-date-sql";
import { OPEN_CASE_STATUSES } from "./case-flow";
import { isOpenCaseSql, overdueSql } from "./case-sql";
import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { authorize, areaScope } from "@/lib/auth/authorize";
import { cellIdInStreetSql, streetOfSql } from "@/lib/auth/in-street";
import { eventConditions } from "@/lib/analytics/count-events";
import { analysisParams } from "@/lib/analytics/params";
import { query, queryOne } from "@/lib/db/query";
import type { Db } from "@/lib/db/types";
import { chinaDate } from "@/lib/time/china-date";
import { CASE_CATEGORIES, EVENT_STATUSES, isCaseCategory, type CaseCategory, type EventStatus } from "@/lib/vocabulary";

/**
 * The case list of the Command view: cases (events of the case categories) filtered by street,
 * department, category, status and overdue, with the figures the command centre watches. Finished
 * cases are those that happened in the window (default the last 90 days); open ones are the
 * backlog, whenever they happened.
 */
export const CaseListParams = analysisParams({
  department: z.string().max(40).optional(),
  status: z.enum([...EVENT_STATUSES, "open"]).optional(),
  overdue: z.enum(["true", "false"]).transform((v) => v === "true").optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type CaseListParams = z.output<typeof CaseListParams>;

export interface CaseRow {
  id: number;
  category: CaseCategory;
  status: EventStatus;
  department_code: string | null;
  due_on: string | null;
  overdue: boolean;
  occurred_at: string;
  grid_cell_code: string | null;
  street_code: string | null;
  /** Where, in words: the street's and the community's names (null outside every cell). */
  street_name_zh: string | null;
  street_name_en: string | null;
  community_name_zh: string | null;
  community_name_en: string | null;
}

interface OverdueTally {
  code: string;
  name_zh: string;
  name_en: string;
  open: number;
  overdue: number;
}

export interface CaseList {
  today: string;
  from: string;
  to: string;
  /** Cases matching every filter (the list shows at most `limit`, overdue first, then by deadline). */
  total: number;
  cases: CaseRow[];
  summary: {
    /** Open and overdue cases per street and per department as of today, whenever they happened (street, department and category filters apply). */
    by_street: OverdueTally[];
    by_department: OverdueTally[];
    /** Median days from happening to resolved, over the cases resolved (null when none). */
    median_days_to_resolve: number | null;
    /**
     * 取缔率: stall violations with a deadline inside a published no-stall zone in force on their day,
     * and how many of them were resolved by it (China date of resolution ≤ due date). Events
     * recorded before deadlines existed have none and are left out.
     */
    clearance: { in_zones: number; cleared_in_time: number; rate: number | null };
  };
}

const OPEN = isOpenCaseSql(sql`e.status`);
/** The China date an event happened. */
const happenedOn = chinaDateSql(sql`e.occurred_at`);

export async function listCases(db: Db, actor: Actor, params: CaseListParams, today = chinaDate()): Promise<CaseList> {
  authorize(actor, "read:register");
  const street = areaScope(actor, params.street);
  const categories = (params.categories ?? [...CASE_CATEGORIES]).filter(isCaseCategory);
  // A case without a deadline (recorded before deadlines existed) is never overdue.
  const overdue = overdueSql(sql`e.status`, sql`e.due_on`, today);
  // Who, what and where: case categories, street and department.
  // (Asking only for records of work leaves no category: string_to_array('') matches nothing.)
  const scope: SQL[] = [];
  if (params.department) scope.push(sql`e.department_code = ${params.department}`);
  // By the events' cell ids: the open-cases index (0019) serves a street office's list.
  if (street) scope.push(cellIdInStreetSql(sql`e.grid_cell_id`, street));
  // The window is when cases happened: it bounds finished cases and the figures on them. Open
  // cases are the backlog as of today, however old: the tallies and a list of open or overdue
  // cases show them all.
  const inWindow = eventConditions({ from: params.from, to: params.to, categories });
  const ofCategory = sql`e.category::text = any(string_to_array(${categories.join(",")}, ','))`;
  const base: SQL[] = [inWindow, ...scope];
  const backlog: SQL[] = [ofCategory, OPEN, ...scope];
  const openOnly = params.status === "open" || (params.status !== undefined && (OPEN_CASE_STATUSES as readonly string[]).includes(params.status)) || params.overdue === true;
  const listed = [openOnly ? ofCategory : inWindow, ...scope];
  if (params.status === "open") listed.push(OPEN);
  else if (params.status) listed.push(sql`e.status = ${params.status}`);
  if (params.overdue !== undefined) listed.push(params.overdue ? overdue : sql`not ${overdue}`);
  const where = (parts: SQL[]) => sql.join(parts, sql` and `);
  // Each query first reduces the matching events to what it needs (a count, the first page, counts
  // per cell or department, days to resolve), then joins the cells, streets and departments to
  // that. On Citus, where events are distributed, the reduction runs on every shard and only its
  // result reaches the coordinator's tables (an outer join with them is planned only this way, see
  // getEvent); on one server it keeps the sort and the joins to the rows that need them.
  const order = sql`${overdue} desc, e.due_on nulls last, e.occurred_at desc, e.id desc`;

  const [count, rows, byStreet, byDepartment, median, clearance] = await Promise.all([
    queryOne<{ n: number }>(db, sql`select count(*)::int as n from events e where ${where(listed)}`),
    query<CaseRow>(
      db,
      sql`with e as materialized (
            select e.id, e.category, e.status, e.department_code, e.due_on, e.occurred_at, e.grid_cell_id
            from events e where ${where(listed)} order by ${order} limit ${params.limit})
          select e.id::float8 as id, e.category::text as category, e.status::text as status, e.department_code,
            e.due_on::text as due_on, ${overdue} as overdue,
            to_char(e.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as occurred_at,
            g.code as grid_cell_code, ${streetOfSql(sql`g.community_code`)} as street_code,
            s.name_zh as street_name_zh, s.name_en as street_name_en, c.name_zh as community_name_zh, c.name_en as community_name_en
          from e left join grid_cells g on g.id = e.grid_cell_id
            left join communities c on c.code = g.community_code left join streets s on s.code = c.street_code
          order by ${order}`,
    ),
    query<OverdueTally>(
      db,
      sql`with per_cell as materialized (
            select e.grid_cell_id, count(*) filter (where ${OPEN}) as open, count(*) filter (where ${overdue}) as overdue
            from events e where ${where(backlog)} group by e.grid_cell_id)
          select s.code, s.name_zh, s.name_en, sum(n.open)::int as open, sum(n.overdue)::int as overdue
          from per_cell n join grid_cells g on g.id = n.grid_cell_id join streets s on s.code = ${streetOfSql(sql`g.community_code`)}
          group by s.code, s.name_zh, s.name_en order by 5 desc, 4 desc, s.code`,
    ),
    query<OverdueTally>(
      db,
      sql`with per_department as materialized (
            select e.department_code, count(*) filter (where ${OPEN}) as open, count(*) filter (where ${overdue}) as overdue
            from events e where ${where(backlog)} group by e.department_code)
          select d.code, d.name_zh, d.name_en, n.open::int as open, n.overdue::int as overdue
          from per_department n join departments d on d.code = n.department_code
          order by 5 desc, 4 desc, d.code`,
    ),
    queryOne<{ days: number | null }>(
      db,
      sql`with resolved as materialized (
            select extract(epoch from e.resolved_at - e.occurred_at) / 86400 as days
            from events e where ${where([...base, sql`e.resolved_at is not null`])})
          select percentile_cont(0.5) within group (order by days)::float8 as days from resolved`,
    ),
    queryOne<{ in_zones: number; cleared: number }>(
      db,
      sql`with e as materialized (
            select e.geom, e.occurred_at, e.resolved_at, e.due_on
            from events e where ${where([...base, sql`e.category = 'stall_violation' and e.due_on is not null`])})
          select count(*)::int as in_zones,
            count(*) filter (where e.resolved_at is not null and ${chinaDateSql(sql`e.resolved_at`)} <= e.due_on)::int as cleared
          from e
          where exists (select 1 from no_stall_zones z where ST_Covers(z.geom, e.geom)
                          -- in force that day: published (a retired zone until it was retired: its last change)
                          and (z.status = 'active' or (z.status = 'retired' and z.updated_at > e.occurred_at))
                          and z.valid_from <= ${happenedOn} and (z.valid_to is null or z.valid_to >= ${happenedOn}))`,
    ),
  ]);
  const inZones = Number(clearance?.in_zones ?? 0);
  const cleared = Number(clearance?.cleared ?? 0);
  return {
    today,
    from: params.from.toISOString(),
    to: params.to.toISOString(),
    total: Number(count?.n ?? 0),
    cases: rows.map((r) => ({ ...r, id: Number(r.id) })),
    summary: {
      by_street: byStreet.map(tally),
      by_department: byDepartment.map(tally),
      median_days_to_resolve: median?.days === null || median?.days === undefined ? null : Math.round(Number(median.days) * 10) / 10,
      clearance: { in_zones: inZones, cleared_in_time: cleared, rate: inZones ? cleared / inZones : null },
    },
  };
}

const tally = (t: OverdueTally): OverdueTally => ({ ...t, open: Number(t.open), overdue: Number(t.overdue) });
