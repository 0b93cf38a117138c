import fs from "node:fs";
import { databaseConfig, openDatabase } from "@/lib/db/client";
import { DataDirLockedError } from "@/lib/db/data-dir-lock";
import type { Database } from "@/lib/db/types";

/** Where a maintenance command does its work: on the database itself, or through the server that holds it. */
export type MaintenanceTarget = { kind: "direct"; database: Database } | { kind: "server"; socket: string; pid: number };

/**
 * Open the configured database for a maintenance command. PostgreSQL serves many clients, so
 * the command always opens it. An embedded DATA_DIR that a running server holds is not opened:
 * the command goes through the server's maintenance socket when `viaServer` allows, and is
 * otherwise refused with the holder named (DataDirLockedError) — nothing is touched either way.
 */
export async function openForMaintenance(options: { viaServer: boolean }): Promise<MaintenanceTarget> {
  try {
    return { kind: "direct", database: await openDatabase(databaseConfig()) };
  } catch (error) {
    const socket = error instanceof DataDirLockedError ? error.owner?.socket : undefined;
    if (options.viaServer && socket && fs.existsSync(socket) && error instanceof DataDirLockedError && error.owner) {
      return { kind: "server", socket, pid: error.owner.pid };
    }
    throw error;
  }
}
