import { sql, type SQL } from "drizzle-orm";
import { streetPrefix } from "./street-code";

/**
 * SQL for "inside this street" (see `./street-code`). `code` is a column holding a community,
 * cell or street code, e.g. sql`g.community_code`; the LIKE prefix uses the code indexes.
 */
export function codeInStreetSql(code: SQL, street: string): SQL {
  return sql`${code} like ${streetPrefix(street) + "%"}`;
}

/** SQL: a grid_cell_id column refers to a grid cell inside `street`. */
export function cellIdInStreetSql(gridCellId: SQL, street: string): SQL {
  return sql`${gridCellId} in (select id from grid_cells where ${codeInStreetSql(sql`community_code`, street)})`;
}

/** SQL: the street of a community or cell code column (its first 9 digits, then 000). */
export function streetOfSql(code: SQL): SQL {
  return sql`(left(${code}, 9) || '000')`;
}

/** SQL: two code columns lie in the same street (for joins, where neither side is a constant). */
export function sameStreetSql(a: SQL, b: SQL): SQL {
  return sql`left(${a}, 9) = left(${b}, 9)`;
}
