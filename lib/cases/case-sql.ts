import { sql, type SQL } from "drizzle-orm";
import { OPEN_CASE_STATUSES } from "./case-flow";

/** SQL: the case is still someone's to answer (reported, assigned or in progress). */
export function isOpenCaseSql(status: SQL): SQL {
  return sql`${status} in (${sql.join(OPEN_CASE_STATUSES.map((s) => sql`${s}`), sql`, `)})`;
}

/** SQL: open after its due date on `today` (a China date); a case without a deadline never is. */
export function overdueSql(status: SQL, dueOn: SQL, today: string): SQL {
  return sql`coalesce(${isOpenCaseSql(status)} and ${dueOn} < ${today}::date, false)`;
}
