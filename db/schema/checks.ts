import { sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";

// Raw SQL fragments reused by several tables' CHECK constraints.
export const validGeometry = (column: AnyPgColumn): SQL => sql`ST_IsValid(${column})`;
export const digits = (column: AnyPgColumn, n: number): SQL => sql`${column} ~ ${sql.raw(`'^[0-9]{${n}}$'`)}`;
