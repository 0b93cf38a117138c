import { createHash } from "node:crypto";
import { Zip, ZipDeflate, ZipPassThrough } from "fflate";
import type { Database, RawExec } from "@/lib/db/types";
import { BACKUP_TABLES } from "./backup-tables";
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, BackupManifest, MANIFEST_ENTRY, tableEntry, type BackupTable } from "./backup-format";

/**
 * Write a consistent backup of `database` as a zip, chunk by chunk, to `write` (a file or a
 * socket). Every table is read inside one read-only snapshot, so the backup is the database as
 * it was at one instant, while the server keeps serving.
 */
export async function createBackup(database: Database, write: (chunk: Uint8Array) => void): Promise<BackupManifest> {
  let failed: Error | null = null;
  const zip = new Zip((error, chunk) => {
    if (error) failed = error;
    else write(chunk);
  });
  const manifest = await database.bulk.snapshot(async (copyOut, exec) => {
    const tables: BackupTable[] = [];
    for (const name of BACKUP_TABLES) {
      const columns = await copyableColumns(exec, name);
      const entry = new ZipDeflate(tableEntry(name), { level: 6 });
      zip.add(entry);
      // The table's text is compressed, counted and checksummed as it arrives, piece by piece:
      // a city's events are more than one string can hold (issue #20's city of three failed so).
      const hash = createHash("sha256");
      let rows = 0;
      let bytes = 0;
      await copyOut(name, columns, (piece) => {
        entry.push(piece, false);
        hash.update(piece);
        bytes += piece.byteLength;
        rows += countLines(piece);
      });
      entry.push(new Uint8Array(0), true);
      tables.push({ name, columns, rows, bytes, sha256: hash.digest("hex") });
      if (failed) throw failed;
    }
    return BackupManifest.parse({
      format: BACKUP_FORMAT,
      version: BACKUP_FORMAT_VERSION,
      created_at: new Date().toISOString(),
      source: database.kind,
      migrations: await appliedMigrations(exec),
      tables,
    });
  });
  const entry = new ZipPassThrough(MANIFEST_ENTRY);
  zip.add(entry);
  entry.push(new TextEncoder().encode(JSON.stringify(manifest, null, 2)), true);
  zip.end();
  if (failed) throw failed;
  return manifest;
}

/** A table's columns in order, without generated ones (COPY cannot write those; they are recomputed). */
export async function copyableColumns(exec: RawExec, table: string): Promise<string[]> {
  const rows = await exec(
    `select column_name from information_schema.columns
      where table_schema = 'public' and table_name = '${table.replace(/[^a-z0-9_]/g, "")}' and is_generated = 'NEVER'
      order by ordinal_position`,
  );
  return rows.map((r) => String(r.column_name));
}

/** Migrations applied, from drizzle's journal table (the same on both databases). */
export async function appliedMigrations(exec: RawExec): Promise<number> {
  const rows = await exec(`select count(*)::int as n from drizzle.__drizzle_migrations`);
  return Number(rows[0]?.n ?? 0);
}

/** COPY text has one row per line (newlines inside values are escaped as \n). */
function countLines(data: Uint8Array): number {
  let lines = 0;
  for (const byte of data) if (byte === 10) lines++;
  return lines;
}
