/**
 * npm run restore -- FILE
 *
 * Restore a backup (npm run backup) into an EMPTY database: a new or empty DATA_DIR, or the
 * PostgreSQL database at DATABASE_URL (created with PostGIS, nothing in it yet). All tables in one
 * transaction: every row comes back, or nothing is written. A backup from the embedded database
 * restores into PostgreSQL and the other way round.
 */
import fs from "node:fs";
import { restoreBackup } from "@/lib/backup/restore-backup";
import { DataDirLockedError } from "@/lib/db/data-dir-lock";
import { describeError } from "@/lib/maintenance/maintenance-socket";
import { openForMaintenance } from "@/lib/maintenance/open-for-maintenance";

async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file) {
    console.error("usage: npm run restore -- FILE.zip   (into an empty DATA_DIR or DATABASE_URL)");
    process.exitCode = 2;
    return;
  }
  if (!fs.existsSync(file)) throw new Error(`no file ${file}`);
  const bytes = fs.readFileSync(file);
  const started = Date.now();
  const target = await openForMaintenance({ viaServer: false }).catch((error: unknown) => {
    if (error instanceof DataDirLockedError) throw new Error(`${error.message} A restore needs an empty DATA_DIR that no server uses.`);
    throw error;
  });
  if (target.kind !== "direct") throw new Error("unreachable");
  try {
    const summary = await restoreBackup(target.database, new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    const rows = summary.tables.reduce((sum, t) => sum + t.rows, 0);
    console.log(
      `restored ${rows.toLocaleString("en")} rows in ${summary.tables.length} tables from the ${summary.source} backup of ${summary.created_at} into ${target.database.location} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  } finally {
    await target.database.close();
  }
}

main().catch((error: unknown) => {
  console.error(`restore failed: ${describeError(error)}`);
  process.exit(1);
});
