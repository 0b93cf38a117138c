import { sql, type SQL } from "drizzle-orm";

/**
 * The rental register as it stood at an instant, as a relation with the columns coverage reads
 * (grid_cell_id, registration_status, units, responsibility_letter_signed, last_inspected_on),
 * from its history (rental_building_history, kept by triggers; its open periods are the present).
 * Always the history, also for "now": one source, so a month frozen a moment after it ended and
 * one rebuilt later read the same rows.
 */
export function registerAt(at: Date): SQL {
  return sql`(select grid_cell_id, registration_status, units, responsibility_letter_signed, last_inspected_on
              from rental_building_history where valid_from <= ${at.toISOString()}::timestamptz
                and (valid_to is null or valid_to > ${at.toISOString()}::timestamptz))`;
}
