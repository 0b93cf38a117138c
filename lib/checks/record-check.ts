import { sql } from "drizzle-orm";
import { z } from "zod";
import { appendAudit } from "@/lib/audit/append-audit";
import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/auth/authorize";
import { inTransaction, query, queryOne } from "@/lib/db/query";
import type { Db } from "@/lib/db/types";
import { BadRequestError, DetailedHttpError, HttpError, NotFoundError } from "@/lib/http/errors";
import { once, type IdempotencyKey } from "@/lib/http/idempotency";
import { getRentalBuilding, type RentalBuildingRecord } from "@/lib/register/rental-buildings";
import { afterEventsInserted, cellAt, RETURNING_WRITTEN, type WrittenEvent } from "@/lib/register/event-writes";
import { cellScope } from "@/lib/register/scope";
import { districtOfArea } from "@/lib/districts/settings-district";
import { settingInForce } from "@/lib/settings/district-settings";
import { addDays, chinaDate, chinaMidnight } from "@/lib/time/china-date";
import { isBroken, RECTIFIED_RULES } from "./five-rules";
import { CHECK_COLUMNS, RECTIFICATION_COLUMNS, type CheckRecord, type RectificationRecord } from "./check-records";

const day = (what: string) =>
  z.iso.date(`${what}: use a date like 2026-11-28`).refine((d) => d >= "1900-01-01", `${what}: use a date like 2026-11-28`);

/** What a staff visit found. Unknown fields (a misspelt rule) are refused, not ignored. */
export const NewBuildingCheck = z
  .object({
    checked_on: day("checked_on"),
    meets_rental_conditions: z.boolean(),
    illegal_structure: z.boolean(),
    fire_hazard: z.boolean(),
    no_title: z.boolean(),
    other_safety_hazard: z.boolean(),
    letter_signed: z.boolean(),
    letter_signed_on: day("letter_signed_on").nullable().optional(),
    rented_units: z.number().int().min(0).max(10_000),
    empty: z.boolean(),
    note: z.string().trim().max(500, "note: at most 500 characters (places and findings only, no personal data)").default(""),
  })
  .strict();
export type NewBuildingCheck = z.output<typeof NewBuildingCheck>;

export interface CheckResult {
  check: CheckRecord;
  building: RentalBuildingRecord;
  opened: RectificationRecord[];
  closed: RectificationRecord[];
}

/**
 * Record a check (出租房屋检查) and apply it to the building in the same transaction: the five
 * flags, the letter and its date, rented units, empty-since and last inspection. A rule ①②③⑤
 * found broken on a rented building opens a rectification due after the district's deadline; a
 * check that finds a rule cleared closes its open rectification. The check also records an
 * `inspection` event at the building (linked by event_id), so incident analysis counts it.
 * Checks are recorded in date order: one dated before the building's latest check is refused.
 */
export async function recordBuildingCheck(
  db: Db,
  actor: Actor,
  code: string,
  input: NewBuildingCheck,
  idempotencyKey: IdempotencyKey | null = null,
  now: Date = new Date(),
  expectedVersion?: string,
): Promise<CheckResult> {
  authorize(actor, "record:field");
  const today = chinaDate(now);
  const { result } = await inTransaction(db, async (t) => {
    return once(t, idempotencyKey, async () => {
      // Lock the building first, then read what the check is judged against: a check that waited
      // for the lock must see the one committed meanwhile (a subquery in the locking statement
      // would still read the older snapshot).
      const locked = await queryOne<{ id: number; cell_code: string | null }>(
        t,
        sql`select b.id, g.code as cell_code from rental_buildings b left join grid_cells g on g.id = b.grid_cell_id
            where b.code = ${code} and ${cellScope(actor)} for update of b`,
      );
      if (!locked) throw new NotFoundError().as("building.not_found", { code });
      await assertBuildingUnchanged(t, actor, code, expectedVersion);
      const building = await queryOne<{ id: number; units: number; first_known: string; last_check: string | null; letter_signed: boolean; letter_signed_on: string | null; empty_since: string | null }>(
        t,
        sql`select b.id, b.units, b.responsibility_letter_signed as letter_signed, b.letter_signed_on::text as letter_signed_on, b.empty_since::text as empty_since,
                   (least(b.created_at, (select min(h.valid_from) from rental_building_history h where h.building_id = b.id))
                      at time zone 'Asia/Shanghai')::date::text as first_known,
                   (select max(c.checked_on)::text from building_checks c where c.building_id = b.id) as last_check
            from rental_buildings b where b.id = ${locked.id}`,
      );
      if (!building) throw new NotFoundError(`no rental building ${code}`);
      validate(input, building, today);

      // The signing date: the one given; else the one known; else, for a letter signed at this
      // visit (unsigned before), the check's day. A letter already signed on an unknown day keeps
      // an unknown day: a routine check does not invent one.
      const letterOn = input.letter_signed
        ? (input.letter_signed_on ?? building.letter_signed_on ?? (building.letter_signed ? null : input.checked_on))
        : null;
      const emptySince = input.empty ? (building.empty_since ?? input.checked_on) : null;
      // The inspection event happens on the check's day, at noon China time, never in the future.
      const at = new Date(Math.min(now.getTime(), chinaMidnight(input.checked_on).getTime() + 12 * 3600_000));
      const event = await queryOne<WrittenEvent>(
        t,
        sql`insert into events (geom, grid_cell_id, occurred_at, category, status, source, resolved_at)
            select geom, ${cellAt(sql`geom`)}, ${at.toISOString()}::timestamptz, 'inspection', 'verified', 'patrol', ${at.toISOString()}::timestamptz
            from rental_buildings where id = ${building.id}
            ${RETURNING_WRITTEN}`,
      );
      await afterEventsInserted(t, [event!]);
      const inserted = await queryOne<{ id: number }>(
        t,
        sql`insert into building_checks (building_id, checked_on, checked_by, checked_by_name, meets_rental_conditions,
              illegal_structure, fire_hazard, no_title, other_safety_hazard, letter_signed, letter_signed_on, rented_units, empty, note, event_id)
            values (${building.id}, ${input.checked_on}::date, ${actor.userId},
              coalesce((select nullif(display_name, '') from users where id = ${actor.userId}), ${actor.label}), ${input.meets_rental_conditions},
              ${input.illegal_structure}, ${input.fire_hazard}, ${input.no_title}, ${input.other_safety_hazard}, ${input.letter_signed},
              ${letterOn}::date, ${input.rented_units}, ${input.empty}, ${input.note}, ${Number(event!.id)})
            returning id`,
      );
      const checkId = Number(inserted!.id);
      await t.execute(
        sql`update rental_buildings set
              meets_rental_conditions = ${input.meets_rental_conditions}, illegal_structure = ${input.illegal_structure},
              fire_hazard = ${input.fire_hazard}, no_title = ${input.no_title}, other_safety_hazard = ${input.other_safety_hazard},
              responsibility_letter_signed = ${input.letter_signed}, letter_signed_on = ${letterOn}::date,
              rented_units = ${input.rented_units}, empty_since = ${emptySince}::date,
              last_inspected_on = greatest(last_inspected_on, ${input.checked_on}::date), updated_at = now()
            where id = ${building.id}`,
      );

      const { value: days } = await settingInForce(t, "rectification_days", input.checked_on, await districtOfArea(t, locked.cell_code ?? undefined));
      const due = addDays(input.checked_on, days);
      const opened: number[] = [];
      const closed: number[] = [];
      for (const rule of RECTIFIED_RULES) {
        if (isBroken(rule, input[rule])) {
          if (input.rented_units === 0) continue; // nobody to stop renting to; the flag alone bars renting
          const row = await queryOne<{ id: number }>(
            t,
            sql`insert into rectifications (building_id, rule, opened_by_check_id, opened_on, due_on)
                values (${building.id}, ${rule}, ${checkId}, ${input.checked_on}::date, ${due}::date)
                on conflict (building_id, rule) where closed_on is null do nothing returning id`,
          );
          if (row) opened.push(Number(row.id));
        } else {
          const rows = await query<{ id: number }>(
            t,
            sql`update rectifications set closed_on = ${input.checked_on}::date, closed_by_check_id = ${checkId}
                where building_id = ${building.id} and rule = ${rule} and closed_on is null returning id`,
          );
          closed.push(...rows.map((r) => Number(r.id)));
        }
      }
      await appendAudit(t, actor, { entity: "building_checks", entityId: checkId, action: "create", after: { building: code, ...input } });
      const [check] = await query<CheckRecord>(t, sql`select ${CHECK_COLUMNS} from building_checks c where c.id = ${checkId}`);
      const rectifications = await query<RectificationRecord>(
        t,
        sql`select ${RECTIFICATION_COLUMNS(today)} from rectifications r join rental_buildings b on b.id = r.building_id
            where r.id in (${sql.join([...opened, ...closed, 0].map((id) => sql`${id}`), sql`, `)})`,
      );
      return {
        check: check!,
        building: await getRentalBuilding(t, actor, code),
        opened: rectifications.filter((r) => opened.includes(r.id)),
        closed: rectifications.filter((r) => closed.includes(r.id)),
      } satisfies CheckResult;
    });
  });
  return result;
}

/**
 * A check made against the building as it was when the form was opened (If-Match): when someone
 * changed it since (a street office corrected the register while a grid worker was offline), the
 * check is refused with both versions, so the worker can compare and decide — never applied blind.
 */
async function assertBuildingUnchanged(t: Db, actor: Actor, code: string, expectedVersion: string | undefined): Promise<void> {
  if (expectedVersion === undefined) return;
  const current = await getRentalBuilding(t, actor, code);
  if (current.version === expectedVersion) return;
  throw new DetailedHttpError(412, "", { current, yours: expectedVersion }).as("check.building_changed", {
    code,
    yours: expectedVersion,
    current: current.version,
  });
}

function validate(input: NewBuildingCheck, building: { units: number; first_known: string; last_check: string | null }, today: string): void {
  if (input.checked_on > today) throw new HttpError(422, "").as("check.future", { date: input.checked_on, today });
  if (input.checked_on < building.first_known) {
    throw new HttpError(422, "").as("check.before_register", { date: input.checked_on, since: building.first_known });
  }
  if (building.last_check && input.checked_on < building.last_check) {
    throw new HttpError(409, "").as("check.out_of_order", { last: building.last_check });
  }
  if (input.rented_units > building.units) throw new BadRequestError("").as("check.rented_over_units", { rented: input.rented_units, units: building.units });
  if (input.empty && input.rented_units > 0) throw new BadRequestError("").as("check.empty_but_rented");
  if (!input.letter_signed && input.letter_signed_on) throw new BadRequestError("").as("check.letter_date_unsigned");
  if (input.letter_signed_on && input.letter_signed_on > input.checked_on) {
    throw new HttpError(422, "").as("check.letter_after_check", { date: input.letter_signed_on, checked: input.checked_on });
  }
}
