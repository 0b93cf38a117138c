import { overdueSql } from "@/lib/cases/case-sql";
import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Point } from "geojson";
import { z } from "zod";
import { EVENT_CATEGORIES, EVENT_SOURCES, isCaseCategory, type EventStatus } from "@/lib/vocabulary";
import { appendAudit } from "@/lib/audit/append-audit";
import type { Actor } from "@/lib/auth/actor";
import { authorize, authorizeAny, can, areaScope } from "@/lib/auth/authorize";
import { codeInStreetSql, streetOfSql } from "@/lib/auth/in-street";
import { allowedTransitions } from "@/lib/cases/case-flow";
import { defaultDueOn } from "@/lib/cases/due-dates";
import { districtOfArea } from "@/lib/districts/settings-district";
import { inTransaction, jsonColumn, query, queryOne } from "@/lib/db/query";
import type { Db } from "@/lib/db/types";
import { ForbiddenError, HttpError, NotFoundError } from "@/lib/http/errors";
import { once, type IdempotencyKey } from "@/lib/http/idempotency";
import { PointGeometry } from "@/lib/geo/geometry-input";
import { chinaDate } from "@/lib/time/china-date";
import { cellNameSql } from "./cell-name";
import { cellScope, versionOf, workerCellSql } from "./scope";
import { afterEventsInserted, cellAt, RETURNING_WRITTEN, type WrittenEvent } from "./event-writes";

/** A new event: what happened where and when — never who. It starts as a reported case. */
export const NewEvent = z
  .object({
    category: z.enum(EVENT_CATEGORIES),
    occurred_at: z.iso.datetime({ offset: true, error: "use an ISO time with a zone, e.g. 2026-11-28T09:30:00+08:00" }),
    source: z.enum(EVENT_SOURCES).default("patrol"),
    geometry: PointGeometry,
    /** What was seen, in words: places and findings, never persons. */
    note: z.string().trim().max(500, "note: at most 500 characters (places and findings only, no personal data)").optional(),
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
  /** Where, as people say it: the street's name and the cell's ("五马街道 · 府德社区 001"); null outside every cell. */
  place_zh: string | null;
  place_en: string | null;
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
  note: string;
  /** A photo was uploaded (GET /api/events/{id}/photo, staff only). */
  has_photo: boolean;
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
  // A grid worker reads the events of its own cells (cellScope), e.g. what it has just reported.
  authorizeAny(actor, "read:register", "read:field");
  const row = await queryOne<Omit<EventRecord, "history" | "allowed_transitions">>(
    db,
    // The event on its own first, then joined with the cells and departments: on Citus, where
    // events are distributed, an outer join with the coordinator's tables is planned this way only.
    sql`with e as materialized (
          select e.*, exists (select 1 from event_photos p where p.event_id = e.id) as has_photo from events e where e.id = ${id})
        select e.id::float8 as id, e.category::text as category, e.status::text as status, e.source::text as source,
          ${iso(sql`e.occurred_at`)} as occurred_at, g.code as grid_cell_code, ${streetOfSql(sql`g.community_code`)} as street_code,
          s.name_zh || ' · ' || ${cellNameSql(sql`g.code`, sql`c.name_zh`)} as place_zh, s.name_en || ' · ' || ${cellNameSql(sql`g.code`, sql`c.name_en`)} as place_en,
          e.department_code, d.name_zh as department_name_zh, d.name_en as department_name_en,
          e.due_on::text as due_on, ${iso(sql`e.resolved_at`)} as resolved_at,
          ${overdueSql(sql`e.status`, sql`e.due_on`, today)} as overdue,
          ${versionOf(sql`e.updated_at`)} as version, e.note, e.has_photo,
          ST_AsGeoJSON(e.geom, 7)::json as geometry
        from e left join grid_cells g on g.id = e.grid_cell_id left join communities c on c.code = g.community_code
          left join streets s on s.code = c.street_code left join departments d on d.code = e.department_code
        where ${cellScope(actor)}`,
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
 * Record an event. A street office records events inside its own street; a grid worker inside its
 * own cells, and a position outside the district is refused (a phone's location gone astray). A
 * case gets its deadline from the district's setting for its category, in working days from the
 * day it happened; a record of work (a patrol check-in, an inspection) is done when it is recorded.
 * A patrol check-in is kept at its cell's centre, not where the phone was: it says the cell was
 * patrolled, and a series of exact positions would be a track of the person.
 * With an Idempotency-Key, a replay returns the first result and records nothing again.
 */
export async function createEvent(db: Db, actor: Actor, input: NewEvent, idempotencyKey: IdempotencyKey | null = null): Promise<EventRecord> {
  authorize(actor, "record:field");
  const street = areaScope(actor);
  const isCase = isCaseCategory(input.category);
  // Its district's setting: those who record (street offices, grid workers) record in their street.
  const dueOn = isCase ? await defaultDueOn(db, input.category, chinaDate(new Date(input.occurred_at)), await districtOfArea(db, street)) : null;
  const note = input.note ?? "";
  const { result } = await inTransaction(db, (t) =>
    once(t, idempotencyKey, async () => {
      const [x, y] = input.geometry.coordinates as [number, number];
      const asked = sql`ST_SetSRID(ST_MakePoint(${x}::float8, ${y}::float8), 4326)`;
      if (actor.role === "grid_worker") await assertInWorkerCells(t, actor, asked);
      const place = input.category === "patrol_checkin" ? await cellCentreAt(t, asked) : [x, y];
      const point = sql`ST_SetSRID(ST_MakePoint(${place[0]}::float8, ${place[1]}::float8), 4326)`;
      if (actor.role !== "grid_worker" && street) {
        const inside = await queryOne(t, sql`select 1 from streets where ${codeInStreetSql(sql`code`, street)} and ST_Covers(geom, ${point})`);
        if (!inside) throw new ForbiddenError("this place is outside your street; a street office records events in its own street only");
      }
      const row = await queryOne<WrittenEvent>(
        t,
        sql`insert into events (geom, grid_cell_id, occurred_at, category, status, source, due_on, resolved_at, note)
            values (${point}, ${cellAt(point)}, ${input.occurred_at}::timestamptz, ${input.category}, ${isCase ? "reported" : "verified"}, ${input.source},
                    ${dueOn}::date, ${isCase ? null : input.occurred_at}::timestamptz, ${note})
            ${RETURNING_WRITTEN}`,
      );
      await afterEventsInserted(t, [row!]);
      const id = Number(row!.id);
      const geometry = { type: "Point", coordinates: place };
      await appendAudit(t, actor, { entity: "events", entityId: id, action: "create", after: { ...input, geometry, note, status: isCase ? "reported" : "verified", due_on: dueOn } });
      return getEvent(t, actor, id);
    }),
  );
  return result;
}

/**
 * A grid worker reports inside the district (422 otherwise) and inside its own cells (422): the
 * cell the event will be filed under (grid_cell_at, the rule the events trigger uses — on a shared
 * edge, one of the two) must be one of its own.
 */
async function assertInWorkerCells(t: Db, actor: Actor, point: SQL): Promise<void> {
  const where = await queryOne<{ in_district: boolean; in_cells: boolean }>(
    t,
    sql`select coalesce((select bool_or(ST_Covers(geom, ${point})) from district_boundary),
                        exists (select 1 from streets where ST_Covers(geom, ${point}))) as in_district,
               exists (select 1 from grid_cells g where ${workerCellSql(actor, actor.streetCode ?? "")} and g.id = grid_cell_at(${point})) as in_cells`,
  );
  if (!where?.in_district) throw new HttpError(422, "").as("position.outside_district");
  if (!where.in_cells) throw new HttpError(422, "").as("position.outside_cells");
}

/** The centre (a point on the surface) of the cell a place is filed under; the place itself outside every cell. */
async function cellCentreAt(t: Db, point: SQL): Promise<[number, number]> {
  const row = await queryOne<{ x: number; y: number }>(
    t,
    sql`select ST_X(c) as x, ST_Y(c) as y from (select coalesce((select ST_PointOnSurface(geom) from grid_cells where id = grid_cell_at(${point})), ${point}) as c) s`,
  );
  return [Number(Number(row!.x).toFixed(7)), Number(Number(row!.y).toFixed(7))];
}
