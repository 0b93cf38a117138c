import { sql, type SQL } from "drizzle-orm";

/**
 * The rental register as it stood at an instant, as a relation with the columns coverage reads
 * (grid_cell_id, registration_status, units, responsibility_letter_signed, last_inspected_on):
 * today's table for the present, its history (rental_building_history, kept by triggers) for a
 * past instant — so a past window shows what was known then, not today's register.
 */
export function registerAt(at: Date): SQL {
  // A minute's slack: a window ending "now" was computed a moment ago.
  if (at.getTime() >= Date.now() - 60_000) {
    return sql`(select grid_cell_id, registration_status, units, responsibility_letter_signed, last_inspected_on from rental_buildings)`;
  }
  return sql`(select grid_cell_id, registration_status, units, responsibility_letter_signed, last_inspected_on
              from rental_building_history where valid_from <= ${at.toISOString()}::timestamptz
                and (valid_to is null or valid_to > ${at.toISOString()}::timestamptz))`;
}
