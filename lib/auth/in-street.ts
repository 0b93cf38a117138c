import { sql, type SQL } from "drizzle-orm";
import { streetPrefix } from "./street-code";

/**
 * SQL for "inside this street" (see `./street-code`). `code` is a column holding a community,
 * cell or street code, e.g. sql`g.community_code`; the LIKE prefix uses the code indexes.
 * `street` may also be a district's 6-digit code (an area from `areaScope`): it is its own prefix.
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

/**
 * SQL: a geometry lies, at least partly, inside the streets of `district` (a 6-digit code) — the
 * district scope of layers that carry no code (zones, guidance points, POIs, roads, footprints).
 * A feature on a district border belongs to both sides. Qualify `geom` with its table's alias
 * (t.geom): a bare "geom" inside this subquery would be the street's own.
 */
export function geomInDistrictSql(geom: SQL, district: string): SQL {
  return sql`exists (select 1 from streets s where ${codeInStreetSql(sql`s.code`, district)} and ST_Intersects(s.geom, ${geom}))`;
}
