/**
 * npm run backup -- --out FILE
 *
 * A consistent backup of the configured database (embedded or PostgreSQL) as one zip file
 * (lib/backup). Works while the server runs: an embedded database held by a running server is
 * backed up by that server through its maintenance socket.
 */
import { parseArgs } from "node:util";
import { writeBackupFile, fromDatabase } from "@/lib/backup/write-backup-file";
import { remoteBackup } from "@/lib/maintenance/maintenance-client";
import { describeError } from "@/lib/maintenance/maintenance-socket";
import { openForMaintenance } from "@/lib/maintenance/open-for-maintenance";

const { values } = parseArgs({ options: { out: { type: "string" } } });

async function main(): Promise<void> {
  if (!values.out) {
    console.error("usage: npm run backup -- --out FILE.zip");
    process.exitCode = 2;
    return;
  }
  const started = Date.now();
  const target = await openForMaintenance({ viaServer: true });
  let result;
  try {
    result = await writeBackupFile(values.out, target.kind === "server" ? (partial) => remoteBackup(target.socket, partial) : fromDatabase(target.database));
  } finally {
    if (target.kind === "direct") await target.database.close();
  }
  const rows = result.tables.reduce((sum, t) => sum + t.rows, 0);
  const via = target.kind === "server" ? ` (made by the running server, PID ${target.pid})` : "";
  console.log(
    `backup written to ${values.out}${via}: ${result.tables.length} tables, ${rows.toLocaleString("en")} rows, ${(result.bytes / 1e6).toFixed(1)} MB, checked, in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}

main().catch((error: unknown) => {
  console.error(`backup failed: ${describeError(error)}`);
  process.exit(1);
});
