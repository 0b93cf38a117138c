import { backupSettings, startScheduledBackups } from "@/lib/backup/scheduled-backups";
import { closeDatabase, getDatabase } from "@/lib/db/client";
import { startScheduledFreezes } from "@/lib/monthly/scheduled-freezes";
import { startScheduledAlerts } from "@/lib/command/scheduled-alerts";
import { startTileWarmer } from "@/lib/tiles/warm-tiles";
import { startH3Filler } from "@/lib/analytics/h3-filler";
import { startMaintenanceSocket, type MaintenanceSocket } from "./maintenance-socket";

/**
 * What the long-running server process does besides answering requests: open the database at
 * start (so the first visitor does not wait), serve maintenance commands on the embedded
 * database, make daily backups when BACKUP_DIR is set, freeze each month's figures once it ends, run the weekly alert check (ALERTS_SCHEDULE=off stops
 * it), keep the district's overview tiles made (lib/tiles/warm-tiles.ts; TILE_WARMER=off stops it), store new events'
 * H3 cells (lib/analytics/h3-filler.ts; H3_FILLER=off stops it), and on shutdown close all of it in order.
 * scripts/serve.mjs calls the shutdown hook once in-flight requests are done.
 */
export const SHUTDOWN_HOOK = Symbol.for("grid-atlas.shutdown");

export async function startServerServices(): Promise<void> {
  const settings = backupSettings();
  const backups = settings ? startScheduledBackups(getDatabase, settings) : null;
  const freezes = startScheduledFreezes(getDatabase);
  const alerts = process.env.ALERTS_SCHEDULE === "off" ? null : startScheduledAlerts(getDatabase);
  const warmer = process.env.TILE_WARMER === "off" ? null : startTileWarmer(getDatabase);
  const h3 = process.env.H3_FILLER === "off" ? null : startH3Filler(getDatabase);
  let socket: MaintenanceSocket | null = null;
  let retry: NodeJS.Timeout | null = null;
  let stopping = false;
  (globalThis as Record<symbol, unknown>)[SHUTDOWN_HOOK] = async () => {
    stopping = true;
    if (retry) clearTimeout(retry);
    // Every job is told at once, then waited for: a backup underway and a month being frozen
    // finish, an alert check too; the tile warmer stops after its tile, the H3 filler after its page.
    await Promise.all([backups?.stop(), freezes.stop(), alerts?.stop(), warmer?.stop(), h3?.stop()]);
    await socket?.close(); // so do maintenance commands in progress
    await closeDatabase();
  };
  // Open now; if that fails (the folder is busy, PostgreSQL is down) try again until it works,
  // so the maintenance socket comes up with the database whenever that is.
  const open = async (): Promise<void> => {
    try {
      const database = await getDatabase();
      if (!stopping) socket = await startMaintenanceSocket(database);
    } catch (error) {
      console.error(`[grid-atlas] ${(error as Error).message} (trying again in ${OPEN_RETRY_MS / 1000} s)`);
      if (!stopping) retry = setTimeout(() => void open(), OPEN_RETRY_MS);
    }
  };
  await open();
}

const OPEN_RETRY_MS = 5_000;
