import { createHash } from "node:crypto";
import { unzipSync } from "fflate";
import { ZodError } from "zod";
import type { Database } from "@/lib/db/types";
import { BACKUP_TABLES, MIGRATION_FILLED_TABLES, DERIVED_TABLES } from "./backup-tables";
import { BackupManifest, MANIFEST_ENTRY, tableEntry } from "./backup-format";
import { appliedMigrations, copyableColumns } from "./create-backup";
import { zipPieces } from "./zip-pieces";

/** A backup that cannot be restored here; the message says why and nothing was written. */
export class RestoreRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RestoreRefusedError";
  }
}

export interface RestoreSummary {
  created_at: string;
  source: string;
  tables: { name: string; rows: number }[];
}

/** Read and check a backup's manifest without restoring anything. */
export function readManifest(zip: Uint8Array): BackupManifest {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(zip, { filter: (file) => file.name === MANIFEST_ENTRY });
  } catch (error) {
    throw new RestoreRefusedError(`not a Grid Atlas backup (not a readable zip file: ${(error as Error).message})`);
  }
  const text = files[MANIFEST_ENTRY];
  if (!text) throw new RestoreRefusedError("not a Grid Atlas backup (no manifest.json; the file may be cut short)");
  try {
    return BackupManifest.parse(JSON.parse(new TextDecoder().decode(text)));
  } catch (error) {
    const why = error instanceof ZodError ? error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") : (error as Error).message;
    throw new RestoreRefusedError(`the backup's manifest is not valid (${why})`);
  }
}

/**
 * Restore a backup into an empty, migrated database, all tables in one transaction: either every
 * row is back, or (on any problem) nothing was written. Refuses a database that holds data, a
 * backup from a newer schema, and a table whose data does not match its recorded checksum.
 */
export async function restoreBackup(database: Database, zip: Uint8Array): Promise<RestoreSummary> {
  // Every table's checksum first, so a damaged file is refused before anything is read into the database.
  const manifest = verifyBackup(zip);
  const known = new Set<string>(BACKUP_TABLES);
  for (const table of manifest.tables) {
    if (!known.has(table.name)) throw new RestoreRefusedError(`the backup holds a table this version does not know: ${table.name} (made by a newer Grid Atlas?)`);
  }
  await database.bulk.load(async (copyIn, exec) => {
    const migrations = await appliedMigrations(exec);
    if (manifest.migrations > migrations) {
      throw new RestoreRefusedError(
        `the backup comes from a newer schema (${manifest.migrations} migrations; this database has ${migrations}): update Grid Atlas first`,
      );
    }
    const occupied: string[] = [];
    for (const table of [...BACKUP_TABLES, ...Object.keys(DERIVED_TABLES)]) {
      if (MIGRATION_FILLED_TABLES.has(table)) continue;
      const [row] = await exec(`select exists (select 1 from "${table}") as any`);
      if (row?.any === true || row?.any === "t") occupied.push(table);
    }
    if (occupied.length > 0) {
      throw new RestoreRefusedError(
        `the target database is not empty (rows in ${occupied.join(", ")}): restore into an empty DATA_DIR or a new database; nothing was changed`,
      );
    }
    // Tile ETags are layer versions from layer_version_seq. Browsers may hold tiles of the
    // database this backup came from (or of the one it replaces) under small versions: start the
    // sequence past any number those could have used (microseconds since 1970), so no restored
    // layer can answer 304 for an old tile.
    // The register's history comes from the backup as it was; its triggers stand aside (migration 0014).
    await exec(`select set_config('grid_atlas.restoring', 'on', true)`);
    await exec(`select setval('layer_version_seq', greatest((extract(epoch from clock_timestamp()) * 1000000)::bigint, 1))`);
    for (const table of manifest.tables) {
      const columns = new Set(await copyableColumns(exec, table.name));
      const missing = table.columns.filter((c) => !columns.has(c));
      if (missing.length > 0) throw new RestoreRefusedError(`table ${table.name} here has no column ${missing.join(", ")}; this backup needs another version of Grid Atlas`);
      if (MIGRATION_FILLED_TABLES.has(table.name)) await exec(`delete from "${table.name}"`);
      // Decompressed piece by piece as it is loaded (verifyBackup has checked it is whole).
      await copyIn(table.name, table.columns, entryPieces(zip, tableEntry(table.name)));
    }
    // A backup made before the register kept its history (migration 0014) has none: each building
    // starts its history at its creation, as the migration did for existing rows.
    await exec(`insert into rental_building_history (building_id, grid_cell_id, registration_status, units, rented_units,
                  responsibility_letter_signed, last_inspected_on, rentable, valid_from)
                select b.id, b.grid_cell_id, b.registration_status, b.units, b.rented_units, b.responsibility_letter_signed,
                  b.last_inspected_on, b.rentable, b.created_at
                from rental_buildings b where not exists (select 1 from rental_building_history h where h.building_id = b.id)`);
    // On Citus the events triggers are gone (migration 0025): the week table and H3 queue of the
    // copied events are made here, as after any bulk write of events.
    const [distributed] = await exec(`select events_distributed() as d`);
    if (distributed?.d === true || distributed?.d === "t") await exec(`select events_rewritten()`);
    // Serial ids continue after the restored rows, so new rows never collide with them.
    for (const table of manifest.tables) {
      if (!table.columns.includes("id")) continue;
      const [serial] = await exec(`select pg_get_serial_sequence('"${table.name}"', 'id') as seq`);
      if (!serial?.seq) continue; // uuid or natural keys
      await exec(`select setval('${String(serial.seq).replace(/'/g, "''")}', coalesce((select max(id) from "${table.name}"), 0) + 1, false)`);
    }
  });
  return { created_at: manifest.created_at, source: manifest.source, tables: manifest.tables.map((t) => ({ name: t.name, rows: t.rows })) };
}

/**
 * Check a whole backup file (manifest and every table's size and checksum) without a database,
 * decompressing it piece by piece.
 */
export function verifyBackup(zip: Uint8Array): BackupManifest {
  const manifest = readManifest(zip);
  const reading = new Map<string, { hash: ReturnType<typeof createHash>; bytes: number }>();
  const read = new Map<string, { bytes: number; sha256: string }>();
  try {
    for (const { name, piece, last } of zipPieces(zip, (name) => name !== MANIFEST_ENTRY)) {
      const entry = reading.get(name) ?? { hash: createHash("sha256"), bytes: 0 };
      reading.set(name, entry);
      entry.hash.update(piece);
      entry.bytes += piece.byteLength;
      if (last) read.set(name, { bytes: entry.bytes, sha256: entry.hash.digest("hex") });
    }
  } catch (error) {
    throw new RestoreRefusedError(`the backup file is damaged (${(error as Error).message})`);
  }
  for (const table of manifest.tables) {
    const data = read.get(tableEntry(table.name));
    if (!data || data.bytes !== table.bytes || data.sha256 !== table.sha256) {
      throw new RestoreRefusedError(`the data of ${table.name} is missing or does not match its checksum; the backup file is damaged`);
    }
  }
  return manifest;
}

/** One entry's decompressed bytes, piece by piece. */
function* entryPieces(zip: Uint8Array, name: string): Generator<Uint8Array> {
  for (const { piece } of zipPieces(zip, (entry) => entry === name)) yield piece;
}
