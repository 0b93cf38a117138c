import { backupSettings, startScheduledBackups } from "@/lib/backup/scheduled-backups";
import { closeDatabase, getDatabase } from "@/lib/db/client";
import { startMaintenanceSocket } from "./maintenance-socket";

/**
 * What the long-running server process does besides answering requests: open the database at
 * start (so the first visitor does not wait), serve maintenance commands on the embedded
 * database, make daily backups when BACKUP_DIR is set, and on shutdown close all of it in order.
 * scripts/serve.mjs calls the shutdown hook once in-flight requests are done.
 */
export const SHUTDOWN_HOOK = Symbol.for("grid-atlas.shutdown");

export async function startServerServices(): Promise<void> {
  const settings = backupSettings();
  const backups = settings ? startScheduledBackups(getDatabase, settings) : null;
  let socket: Awaited<ReturnType<typeof startMaintenanceSocket>> = null;
  (globalThis as Record<symbol, unknown>)[SHUTDOWN_HOOK] = async () => {
    backups?.stop();
    await socket?.close();
    await closeDatabase();
  };
  const database = await getDatabase();
  socket = await startMaintenanceSocket(database);
}
