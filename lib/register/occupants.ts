import { sql, type SQL } from "drizzle-orm";
import type { Actor } from "@/lib/auth/actor";

/**
 * A building's registered-occupant count is shown whole only to its own street office and to
 * admins. Everywhere else (other roles, OGC items, exports) a count under five is withheld, so a
 * household's size at an address cannot be read.
 */
export const OCCUPANTS_SHOWN_FROM = 5;

/** The count as anyone may see it: null when under the threshold. */
export const withheldOccupants = (column: SQL): SQL => sql`case when ${column} >= ${OCCUPANTS_SHOWN_FROM} then ${column} end`;

/** The count as this actor may see it (a street office reaches only its own street's buildings). */
export function occupantsFor(actor: Actor, column: SQL): SQL {
  return actor.role === "admin" || actor.role === "street_office" ? column : withheldOccupants(column);
}
