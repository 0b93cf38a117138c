import { z } from "zod";

/**
 * A Grid Atlas backup is a zip file, the same for both databases (so an embedded trial can move
 * to PostgreSQL by backup and restore):
 *   tables/<table>.copy   each table's rows in PostgreSQL's COPY text format (one row a line)
 *   manifest.json         written last: what is inside, with a row count and SHA-256 per table
 * COPY text is PostgreSQL's own exchange format (what pg_dump writes for data), so geometry,
 * JSON, arrays and times round-trip exactly between PGlite (PostgreSQL 18) and PostgreSQL ≥ 15.
 */
export const BACKUP_FORMAT = "grid-atlas-backup";
export const BACKUP_FORMAT_VERSION = 1;
export const MANIFEST_ENTRY = "manifest.json";
export const tableEntry = (table: string) => `tables/${table}.copy`;

export const BackupTable = z.object({
  name: z.string().regex(/^[a-z_][a-z0-9_]*$/),
  columns: z.array(z.string().regex(/^[a-z_][a-z0-9_]*$/)).min(1),
  rows: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type BackupTable = z.infer<typeof BackupTable>;

export const BackupManifest = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_FORMAT_VERSION),
  created_at: z.string(),
  /** Where it came from: "embedded" or "postgres". */
  source: z.enum(["embedded", "postgres"]),
  /** How many schema migrations the source had applied; a restore needs at least as many. */
  migrations: z.number().int().nonnegative(),
  tables: z.array(BackupTable),
});
export type BackupManifest = z.infer<typeof BackupManifest>;
