import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/types";

/**
 * Twelve months of register history and the latest check of each building, derived from the
 * buildings just generated (deterministic: hashes of their codes, no new random draws).
 * - Each building's present state is known from a day in the past year; before that, a third of
 *   the registered ones were still unregistered, a quarter of the signed letters unsigned, and the
 *   last inspection was older — so the monthly figures climb towards today's, as a working
 *   register's do.
 * - Each building's last inspection becomes a check record; a rule ①②③⑤ broken on a rented
 *   building opens its rectification (停租整治), due 30 days after that check (some are overdue).
 */
export async function seedWorkCycle(db: Db, anchor: Date): Promise<void> {
  // The demo may be generated for a past anchor date; its history never runs past today.
  const present = sql`least(${anchor.toISOString()}::timestamptz + interval '12 hours', now())`;
  await db.execute(sql`
    with b as (select id, abs(hashtext(code)) as h from rental_buildings)
    update rental_building_history r set valid_from = ${present} - make_interval(days => 10 + (b.h % 340))
    from b where r.building_id = b.id and r.valid_to is null`);
  await db.execute(sql`
    insert into rental_building_history (building_id, grid_cell_id, registration_status, units, rented_units,
      responsibility_letter_signed, last_inspected_on, rentable, valid_from, valid_to)
    select b.id, b.grid_cell_id,
           case when b.registration_status = 'registered' and abs(hashtext(b.code)) % 3 = 0 then 'unregistered'::registration_status else b.registration_status end,
           b.units, b.rented_units,
           b.responsibility_letter_signed and abs(hashtext(b.code || 'letter')) % 4 <> 0,
           (r.valid_from at time zone 'Asia/Shanghai')::date - (20 + abs(hashtext(b.code || 'inspected')) % 70),
           b.rentable, ${present} - interval '400 days', r.valid_from
    from rental_buildings b join rental_building_history r on r.building_id = b.id and r.valid_to is null`);
  await db.execute(sql`
    insert into building_checks (building_id, checked_on, checked_by_name, meets_rental_conditions, illegal_structure,
      fire_hazard, no_title, other_safety_hazard, letter_signed, letter_signed_on, rented_units, empty, note)
    select id, last_inspected_on, '（演示数据）', meets_rental_conditions, illegal_structure, fire_hazard, no_title, other_safety_hazard,
           responsibility_letter_signed, case when responsibility_letter_signed then last_inspected_on end, rented_units, rented_units = 0, ''
    from rental_buildings where last_inspected_on is not null`);
  await db.execute(sql`
    insert into rectifications (building_id, rule, opened_by_check_id, opened_on, due_on)
    select c.building_id, rule.name, c.id, c.checked_on, c.checked_on + 30
    from building_checks c
    cross join lateral (values ('meets_rental_conditions', not c.meets_rental_conditions), ('illegal_structure', c.illegal_structure),
                               ('fire_hazard', c.fire_hazard), ('other_safety_hazard', c.other_safety_hazard)) as rule(name, broken)
    where rule.broken and c.rented_units > 0`);
}
