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

/**
 * Bulk data for backups, in COPY text format and in pieces: a city's events are more text than
 * one JavaScript string can hold (about 512 MB), so no table is ever held as one string.
 */
export interface BulkAccess {
  /**
   * Read tables, all inside one read-only snapshot (a consistent backup). `copyOut` hands a
   * table's text to `onChunk` in pieces of whole lines, in order, and resolves when the table is done.
   */
  snapshot<T>(
    fn: (copyOut: (table: string, columns: string[], onChunk: (chunk: Uint8Array) => void) => Promise<void>, exec: RawExec) => Promise<T>,
  ): Promise<T>;
  /**
   * Write tables inside one transaction: any failure leaves the database as it was. `copyIn`
   * takes a table's text as pieces cut anywhere (a line may span pieces), read as it goes.
   */
  load<T>(fn: (copyIn: (table: string, columns: string[], chunks: Iterable<Uint8Array>) => Promise<void>, exec: RawExec) => Promise<T>): Promise<T>;
}
