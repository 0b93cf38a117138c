import { sql, type SQL } from "drizzle-orm";
import type { Actor } from "@/lib/auth/actor";
import { streetScope } from "@/lib/auth/authorize";
import { codeInStreetSql } from "@/lib/auth/in-street";

/**
 * The condition that keeps a street office inside its street, on a query where the grid cell is
 * aliased `g` (`true` for district-wide roles). Rows outside it are reported as not found.
 */
export function cellScope(actor: Actor): SQL {
  const street = streetScope(actor);
  return street ? codeInStreetSql(sql`g.community_code`, street) : sql`true`;
}

/** Versions for optimistic concurrency: the row's updated_at, to the microsecond. */
export const versionOf = (column: SQL) => sql`to_char(${column} at time zone 'UTC', 'YYYYMMDDHH24MISSUS')`;
