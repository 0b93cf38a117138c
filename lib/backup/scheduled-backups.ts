import { startBackgroundJob, type BackgroundJob } from "@/lib/maintenance/background-job";
import fs from "node:fs";
import path from "node:path";
import type { Database } from "@/lib/db/types";
import { fromDatabase, writeBackupFile } from "./write-backup-file";

/**
 * Daily backups into BACKUP_DIR, made by the running server (so they work on the embedded
 * database too), keeping the newest BACKUP_KEEP (default 7). The outcome of the last attempt is
 * kept in BACKUP_DIR/last-backup.json for the admin page.
 */
export const STATUS_FILE = "last-backup.json";
const NAME = /^grid-atlas-(\d{4}-\d{2}-\d{2})-(\d{6})\.zip$/;

export interface BackupStatus {
  at: string;
  ok: boolean;
  file?: string;
  bytes?: number;
  rows?: number;
  seconds?: number;
  error?: string;
}

export interface BackupSettings {
  dir: string;
  keep: number;
}

export function backupSettings(env = process.env): BackupSettings | null {
  if (!env.BACKUP_DIR) return null;
  const keep = Number(env.BACKUP_KEEP ?? 7);
  return { dir: path.resolve(env.BACKUP_DIR), keep: Number.isInteger(keep) && keep >= 1 ? keep : 7 };
}

/** The district's calendar day (China time) and time of day, for file names. */
function chinaStamp(date: Date): { day: string; time: string } {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: "Asia/Shanghai",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  }).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "00";
  return { day: `${get("year")}-${get("month")}-${get("day")}`, time: `${get("hour")}${get("minute")}${get("second")}` };
}

/** The backup files of a folder, newest first (names sort by China date and time). */
export function listBackupFiles(names: string[]): string[] {
  return names.filter((n) => NAME.test(n)).sort().reverse();
}

/** Files to delete so that the newest `keep` stay. */
export function backupsToPrune(names: string[], keep: number): string[] {
  return listBackupFiles(names).slice(keep);
}

/** Whether a backup was already made on the China-time day of `now`. */
export function hasBackupForDay(names: string[], now: Date): boolean {
  const { day } = chinaStamp(now);
  return listBackupFiles(names).some((n) => NAME.exec(n)?.[1] === day);
}

export async function runScheduledBackup(database: () => Promise<Database>, settings: BackupSettings, now = new Date()): Promise<BackupStatus> {
  const started = Date.now();
  const { day, time } = chinaStamp(now);
  const file = path.join(settings.dir, `grid-atlas-${day}-${time}.zip`);
  let status: BackupStatus;
  try {
    const result = await writeBackupFile(file, fromDatabase(await database()));
    status = {
      at: now.toISOString(),
      ok: true,
      file: path.basename(file),
      bytes: result.bytes,
      rows: result.tables.reduce((sum, t) => sum + t.rows, 0),
      seconds: (Date.now() - started) / 1000,
    };
    for (const old of backupsToPrune(fs.readdirSync(settings.dir), settings.keep)) fs.rmSync(path.join(settings.dir, old), { force: true });
  } catch (error) {
    status = { at: now.toISOString(), ok: false, error: (error as Error).message };
    console.error(`[grid-atlas] scheduled backup failed: ${status.error}`);
  }
  fs.mkdirSync(settings.dir, { recursive: true });
  fs.writeFileSync(path.join(settings.dir, STATUS_FILE), JSON.stringify(status, null, 2));
  return status;
}

/**
 * Check every hour (and at start) whether today's backup exists; make it if not. A `.partial`
 * left by a server stopped mid-backup is removed at start. `stop()` waits for a backup underway.
 */
export function startScheduledBackups(database: () => Promise<Database>, settings: BackupSettings): BackgroundJob {
  try {
    for (const name of fs.readdirSync(settings.dir)) if (name.endsWith(".zip.partial")) fs.rmSync(path.join(settings.dir, name), { force: true });
  } catch {
    // no folder yet
  }
  return startBackgroundJob("scheduled backup", 0, async () => {
    fs.mkdirSync(settings.dir, { recursive: true });
    if (!hasBackupForDay(fs.readdirSync(settings.dir), new Date())) await runScheduledBackup(database, settings);
  });
}

/** What the admin page shows: the setting, the last attempt and the files kept. */
export function readBackupStatus(settings = backupSettings()): { dir: string; keep: number; last: BackupStatus | null; files: string[] } | null {
  if (!settings) return null;
  let last: BackupStatus | null = null;
  let files: string[] = [];
  try {
    last = JSON.parse(fs.readFileSync(path.join(settings.dir, STATUS_FILE), "utf8")) as BackupStatus;
  } catch {
    last = null;
  }
  try {
    files = listBackupFiles(fs.readdirSync(settings.dir));
  } catch {
    files = [];
  }
  return { dir: settings.dir, keep: settings.keep, last, files };
}
