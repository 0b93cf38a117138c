import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type * as schema from "@/db/schema";
import type { DataDirLock } from "./data-dir-lock";

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
  /** Raw COPY access for backups: the one place where the two drivers differ for bulk data. */
  bulk: BulkAccess;
  /** The DATA_DIR lock this process holds (embedded database in a folder), else null. */
  lock: DataDirLock | null;
  close(): Promise<void>;
}

/** Runs raw SQL text (fixed, code-made statements only) and returns plain rows. */
export type RawExec = (text: string) => Promise<Record<string, unknown>[]>;

export interface BulkAccess {
  /** Read tables in COPY text format, all inside one read-only snapshot (a consistent backup). */
  snapshot<T>(fn: (copyOut: (table: string, columns: string[]) => Promise<Uint8Array>, exec: RawExec) => Promise<T>): Promise<T>;
  /** Write tables from COPY text inside one transaction: any failure leaves the database as it was. */
  load<T>(fn: (copyIn: (table: string, columns: string[], data: Uint8Array) => Promise<void>, exec: RawExec) => Promise<T>): Promise<T>;
}
