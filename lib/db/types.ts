import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type * as schema from "@/db/schema";

/** A Drizzle database or transaction on either backend; verbs take this and stay backend-agnostic. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type DbKind = "embedded" | "postgres";

export interface Database {
  kind: DbKind;
  db: Db;
  /** Where the data lives: the DATA_DIR folder, "memory", or the server URL without its password. */
  location: string;
  /**
   * Run `fn` while holding the database-wide migration lock, so two processes starting at once
   * (two app instances, two test workers) never apply migrations concurrently.
   */
  exclusively<T>(fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
