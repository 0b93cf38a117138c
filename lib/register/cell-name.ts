import { sql, type SQL } from "drizzle-orm";

/**
 * SQL: a grid cell's name as people say it — its community's name and the cell's last three
 * digits ("丰泉社区 006") — one rule for the analyses' units and the cell's own record.
 */
export function cellNameSql(cellCode: SQL, communityName: SQL): SQL {
  return sql`${communityName} || ' ' || right(${cellCode}, 3)`;
}
