import fs from "node:fs";
import path from "node:path";
import type { Database } from "@/lib/db/types";
import type { BackupManifest } from "./backup-format";
import { createBackup } from "./create-backup";
import { verifyBackup } from "./restore-backup";

/**
 * Make a backup file the safe way: write `<file>.partial`, check it (manifest and every table's
 * checksum, read back from disk), then rename it into place. A failed or interrupted backup never
 * leaves a file that looks complete, and never replaces a good older one.
 * `produce` writes the zip into the partial file: here from `database`, or through a running server.
 */
export async function writeBackupFile(file: string, produce: (partial: string) => Promise<void>): Promise<BackupManifest & { bytes: number }> {
  const target = path.resolve(file);
  const partial = `${target}.partial`;
  fs.mkdirSync(path.dirname(target), { recursive: true });
  try {
    await produce(partial);
    const bytes = fs.readFileSync(partial);
    const manifest = verifyBackup(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    const handle = fs.openSync(partial, "r");
    fs.fsyncSync(handle);
    fs.closeSync(handle);
    fs.renameSync(partial, target);
    return { ...manifest, bytes: bytes.byteLength };
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  }
}

/** `produce` for a database this process has open. */
export function fromDatabase(database: Database): (partial: string) => Promise<void> {
  return async (partial) => {
    const fd = fs.openSync(partial, "w", 0o600);
    try {
      await createBackup(database, (chunk) => fs.writeSync(fd, chunk));
    } finally {
      fs.closeSync(fd);
    }
  };
}
