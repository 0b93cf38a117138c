import { chinaDateSql } from "@/lib/time/china-date-sql";
import "server-only";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { appendAudit } from "@/lib/audit/append-audit";
import type { Actor } from "@/lib/auth/actor";
import { authorize, can } from "@/lib/auth/authorize";
import { inTransaction, queryOne } from "@/lib/db/query";
import type { Db } from "@/lib/db/types";
import { DetailedHttpError, ForbiddenError, HttpError, NotFoundError } from "@/lib/http/errors";
import { assertVersion } from "@/lib/http/versions";
import { getEvent, mayMoveCases, type EventRecord } from "@/lib/register/events";
import { cellScope, versionOf } from "@/lib/register/scope";
import { EVENT_STATUSES, isCaseCategory, type EventStatus } from "@/lib/vocabulary";
import { allowedTransitions, isRejection } from "./case-flow";
import { activeDepartment } from "./departments";
import { districtOfArea } from "@/lib/districts/settings-district";
import { defaultDueOn } from "./due-dates";
import { afterEventsUpdated } from "@/lib/register/event-writes";

const isoDate = z.iso.date("due_on: use a date like 2026-12-31");

/** POST /api/events/{id}/transitions: move a case on, with a note; assigning names the department. */
export const TransitionInput = z
  .object({
    to: z.enum(EVENT_STATUSES),
    note: z.string().trim().max(500).default(""),
    department: z.string().max(40).optional(),
    due_on: isoDate.optional(),
  })
  .strict();
export type TransitionInput = z.output<typeof TransitionInput>;

/** PATCH /api/events/{id}: give an open case another department or deadline. */
export const CaseChange = z
  .object({ department: z.string().max(40), due_on: isoDate, note: z.string().trim().max(500) })
  .partial()
  .strict()
  .refine((c) => c.department !== undefined || c.due_on !== undefined, { message: "send department or due_on" });
export type CaseChange = z.output<typeof CaseChange>;

interface CaseRow {
  status: EventStatus;
  category: string;
  department_code: string | null;
  due_on: string | null;
  happened_on: string;
  /** The cell the case lies in (null outside every cell): its district's deadlines apply. */
  cell_code: string | null;
  version: string;
}

/** The case, locked for the change, within the actor's reach (404 outside it). */
async function lockCase(t: Db, actor: Actor, id: number, expectedVersion: string | undefined): Promise<CaseRow> {
  authorize(actor, "read:register");
  if (!mayMoveCases(actor)) throw new ForbiddenError("").as("forbidden.move_case");
  const row = await queryOne<CaseRow>(
    t,
    // The event (locked) first, then its cell: see getEvent for why.
    sql`with e as materialized (select * from events where id = ${id} for update)
        select e.status::text as status, e.category::text as category, e.department_code, e.due_on::text as due_on, g.code as cell_code,
          ${chinaDateSql(sql`e.occurred_at`)}::text as happened_on, ${versionOf(sql`e.updated_at`)} as version
        from e left join grid_cells g on g.id = e.grid_cell_id
        where ${cellScope(actor)}`,
  );
  if (!row) throw new NotFoundError(`no event ${id}`);
  if (!isCaseCategory(row.category)) throw new HttpError(409, "").as("case.not_a_case", { category: row.category });
  assertVersion(row.version, expectedVersion);
  return row;
}

/**
 * The time now, to the microsecond, as text: a case's version (updated_at) must change with every
 * change, even two in one transaction. Read first and passed in, because Citus refuses a volatile
 * function such as clock_timestamp() in an UPDATE of the distributed events.
 */
async function clockNow(t: Db): Promise<string> {
  return (await queryOne<{ now: string }>(t, sql`select clock_timestamp()::text as now`))!.now;
}

function checkDueOn(dueOn: string, happenedOn: string): void {
  if (dueOn < happenedOn) throw new HttpError(422, "").as("case.due_before_event", { due: dueOn, happened: happenedOn });
}

/**
 * Move a case along the flow (lib/cases/case-flow.ts). A move the flow does not allow from the
 * current status is a 409 that lists the allowed ones; a rejection needs a note; assigning needs an
 * active department and keeps (or sets) the deadline. Each move is one audit row: who, when, the note.
 */
export async function transitionCase(db: Db, actor: Actor, id: number, input: TransitionInput, expectedVersion?: string): Promise<EventRecord> {
  await inTransaction(db, async (t) => {
    const current = await lockCase(t, actor, id, expectedVersion);
    const allowed = allowedTransitions(current.status, can(actor, "manage:cases"));
    if (!allowed.includes(input.to)) {
      const error = new DetailedHttpError(409, "", { status: current.status, allowed });
      throw error.as("case.transition_not_allowed", { from: current.status, to: input.to, list: allowed.join(", ") || "none" });
    }
    if (isRejection(current.status, input.to) && !input.note) throw new HttpError(422, "").as("case.reject_needs_note");
    if ((input.department !== undefined || input.due_on !== undefined) && input.to !== "assigned") {
      throw new HttpError(422, "").as("case.assign_fields_only_on_assign");
    }
    // The deadline is the command centre's to set: a street office cannot move its own.
    if (input.due_on !== undefined && !can(actor, "manage:cases")) throw new ForbiddenError("").as("case.due_command_only");
    let department = current.department_code;
    let dueOn = current.due_on;
    if (input.to === "assigned") {
      if (!input.department) throw new HttpError(422, "").as("case.assign_needs_department");
      department = (await activeDepartment(t, input.department)).code;
      // A case recorded before deadlines existed gets the category's default now.
      dueOn = input.due_on ?? dueOn ?? (await defaultDueOn(t, current.category, current.happened_on, await districtOfArea(t, current.cell_code ?? undefined)));
      checkDueOn(dueOn, current.happened_on);
    }
    const resolvedAt = input.to === "resolved" ? sql`now()` : input.to === "verified" ? sql`resolved_at` : sql`null`;
    await t.execute(
      sql`update events set status = ${input.to}, department_code = ${department}, due_on = ${dueOn}::date,
            resolved_at = ${resolvedAt}, updated_at = ${await clockNow(t)}::timestamptz where id = ${id}`,
    );
    await afterEventsUpdated(t);
    await appendAudit(t, actor, {
      entity: "events",
      entityId: id,
      action: "transition",
      before: { status: current.status, department: current.department_code, due_on: current.due_on },
      after: { status: input.to, note: input.note, department, due_on: dueOn },
    });
  });
  return getEvent(db, actor, id);
}

/** Give an open case another department or deadline (If-Match as for every edit). */
export async function changeCase(db: Db, actor: Actor, id: number, change: CaseChange, expectedVersion?: string): Promise<EventRecord> {
  await inTransaction(db, async (t) => {
    const current = await lockCase(t, actor, id, expectedVersion);
    if (change.due_on !== undefined && !can(actor, "manage:cases")) throw new ForbiddenError("").as("case.due_command_only");
    if (current.status === "resolved" || current.status === "verified") throw new HttpError(409, "").as("case.closed", { status: current.status });
    const department = change.department === undefined ? current.department_code : (await activeDepartment(t, change.department)).code;
    const dueOn = change.due_on ?? current.due_on;
    if (dueOn) checkDueOn(dueOn, current.happened_on);
    await t.execute(sql`update events set department_code = ${department}, due_on = ${dueOn}::date, updated_at = ${await clockNow(t)}::timestamptz where id = ${id}`);
    await afterEventsUpdated(t);
    await appendAudit(t, actor, {
      entity: "events",
      entityId: id,
      action: "update",
      before: { department: current.department_code, due_on: current.due_on },
      after: { department, due_on: dueOn, note: change.note ?? "" },
    });
  });
  return getEvent(db, actor, id);
}
