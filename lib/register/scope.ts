import { sql, type SQL } from "drizzle-orm";
import type { Actor } from "@/lib/auth/actor";
import { areaScope } from "@/lib/auth/authorize";
import { codeInStreetSql } from "@/lib/auth/in-street";

/**
 * The condition that keeps a street office inside its street, on a query where the grid cell is
 * aliased `g` (`true` for district-wide roles). Rows outside it are reported as not found.
 */
export function cellScope(actor: Actor): SQL {
  const street = areaScope(actor);
  if (actor.role === "grid_worker") return workerCellSql(actor, street!);
  return street ? codeInStreetSql(sql`g.community_code`, street) : sql`true`;
}

/**
 * A grid worker's cells: those it is responsible for, in its own street (a cell moved to another
 * street is no longer its work, even if the assignment was not cleared).
 */
export function workerCellSql(actor: Actor, street: string): SQL {
  return sql`(g.responsible_user_id = ${actor.userId ?? -1} and ${codeInStreetSql(sql`g.community_code`, street)})`;
}

/** Versions for optimistic concurrency: the row's updated_at, to the microsecond. */
export const versionOf = (column: SQL) => sql`to_char(${column} at time zone 'UTC', 'YYYYMMDDHH24MISSUS')`;
