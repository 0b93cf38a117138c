import { overdueSql } from "@/lib/cases/case-sql";
import "server-only";
import { sql } from "drizzle-orm";
import type { Point } from "geojson";
import { z } from "zod";
import { EVENT_CATEGORIES, EVENT_SOURCES, isCaseCategory, type EventStatus } from "@/lib/vocabulary";
import { appendAudit } from "@/lib/audit/append-audit";
import type { Actor } from "@/lib/auth/actor";
import { authorize, can, streetScope } from "@/lib/auth/authorize";
import { streetOfSql } from "@/lib/auth/in-street";
import { allowedTransitions } from "@/lib/cases/case-flow";
import { defaultDueOn } from "@/lib/cases/due-dates";
import { inTransaction, jsonColumn, query, queryOne } from "@/lib/db/query";
import type { Db } from "@/lib/db/types";
import { ForbiddenError, NotFoundError } from "@/lib/http/errors";
import { PointGeometry } from "@/lib/geo/geometry-input";
import { chinaDate } from "@/lib/time/china-date";
import { cellScope, versionOf } from "./scope";

/** A new event: what happened where and when — never who. It starts as a reported case. */
export const NewEvent = z
  .object({
    category: z.enum(EVENT_CATEGORIES),
    occurred_at: z.iso.datetime({ offset: true, error: "use an ISO time with a zone, e.g. 2026-11-28T09:30:00+08:00" }),
    source: z.enum(EVENT_SOURCES).default("patrol"),
    geometry: PointGeometry,
  })
  .strict()
  .refine((e) => Date.parse(e.occurred_at) <= Date.now() + 3_600_000, { message: "an event cannot happen in the future", path: ["occurred_at"] });
export type NewEvent = z.output<typeof NewEvent>;

/** An event id from a path; anything else is an event that does not exist. */
export function eventId(raw: string): number {
  if (!/^\d{1,15}$/.test(raw)) throw new NotFoundError(`no event ${raw.slice(0, 40)}`);
  return Number(raw);
}


/** One step of a case's history, read from the audit log. */
export interface CaseStep {
  at: string;
  actor: string;
  action: string;
  from: string | null;
  to: string | null;
  note: string;
}

export interface EventRecord {
  id: number;
  category: string;
  status: EventStatus;
  source: string;
  occurred_at: string;
  grid_cell_code: string | null;
  street_code: string | null;
  /** The case: its department, deadline (a China date) and when it was resolved. */
  department_code: string | null;
  department_name_zh: string | null;
  department_name_en: string | null;
  due_on: string | null;
  resolved_at: string | null;
  /** Still open after its due date (China time). */
  overdue: boolean;
  /** For If-Match on PATCH and transitions. */
  version: string;
  /** The statuses this reader may move the case to (empty for records of work and for readers who may not). */
  allowed_transitions: EventStatus[];
  history: CaseStep[];
  geometry: Point;
}

const iso = (column: ReturnType<typeof sql>) => sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;

/** Whether this actor may move this case at all: the command centre anywhere, a street office in its street. */
export function mayMoveCases(actor: Actor): boolean {
  return can(actor, "manage:cases") || can(actor, "edit:register");
}

export async function getEvent(db: Db, actor: Actor, id: number, today = chinaDate()): Promise<EventRecord> {
  authorize(actor, "read:register");
  const row = await queryOne<Omit<EventRecord, "history" | "allowed_transitions">>(
    db,
    sql`select e.id::float8 as id, e.category::text as category, e.status::text as status, e.source::text as source,
          ${iso(sql`e.occurred_at`)} as occurred_at, g.code as grid_cell_code, ${streetOfSql(sql`g.community_code`)} as street_code,
          e.department_code, d.name_zh as department_name_zh, d.name_en as department_name_en,
          e.due_on::text as due_on, ${iso(sql`e.resolved_at`)} as resolved_at,
          ${overdueSql(sql`e.status`, sql`e.due_on`, today)} as overdue,
          ${versionOf(sql`e.updated_at`)} as version, ST_AsGeoJSON(e.geom, 7)::json as geometry
        from events e left join grid_cells g on g.id = e.grid_cell_id left join departments d on d.code = e.department_code
        where e.id = ${id} and ${cellScope(actor)}`,
  );
  if (!row) throw new NotFoundError(`no event ${id}`);
  const history = await query<CaseStep>(
    db,
    sql`select ${iso(sql`at`)} as at, actor, action, before->>'status' as "from", after->>'status' as "to", coalesce(after->>'note', '') as note
        from audit_log where entity = 'events' and entity_id = ${String(id)} and action in ('create', 'update', 'transition') order by at, id`,
  );
  return {
    ...row,
    id: Number(row.id),
    geometry: jsonColumn(row.geometry),
    allowed_transitions: isCaseCategory(row.category) && mayMoveCases(actor) ? allowedTransitions(row.status, can(actor, "manage:cases")) : [],
    history,
  };
}

/**
 * Record an event. A street office may record events only inside its own street. A case gets its
 * deadline from the district's setting for its category, in working days from the day it happened;
 * a record of work (a patrol check-in, an inspection) is done when it is recorded.
 */
export async function createEvent(db: Db, actor: Actor, input: NewEvent): Promise<EventRecord> {
  authorize(actor, "edit:register");
  const street = streetScope(actor);
  const isCase = isCaseCategory(input.category);
  const dueOn = isCase ? await defaultDueOn(db, input.category, chinaDate(new Date(input.occurred_at))) : null;
  const id = await inTransaction(db, async (t) => {
    const [x, y] = input.geometry.coordinates;
    const point = sql`ST_SetSRID(ST_MakePoint(${x}::float8, ${y}::float8), 4326)`;
    if (street) {
      const inside = await queryOne(t, sql`select 1 from streets where code = ${street} and ST_Covers(geom, ${point})`);
      if (!inside) throw new ForbiddenError("this place is outside your street; a street office records events in its own street only");
    }
    const row = await queryOne<{ id: number }>(
      t,
      sql`insert into events (geom, occurred_at, category, status, source, due_on, resolved_at)
          values (${point}, ${input.occurred_at}::timestamptz, ${input.category}, ${isCase ? "reported" : "verified"}, ${input.source},
                  ${dueOn}::date, ${isCase ? null : input.occurred_at}::timestamptz)
          returning id::float8 as id`,
    );
    await appendAudit(t, actor, { entity: "events", entityId: Number(row!.id), action: "create", after: { ...input, status: isCase ? "reported" : "verified", due_on: dueOn } });
    return Number(row!.id);
  });
  return getEvent(db, actor, id);
}
