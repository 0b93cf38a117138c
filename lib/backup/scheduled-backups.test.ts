import { describe, expect, it } from "vitest";
import { backupsToPrune, hasBackupForDay, listBackupFiles } from "./scheduled-backups";

describe("daily backup files", () => {
  const names = [
    "grid-atlas-2026-11-27-010000.zip",
    "last-backup.json",
    "grid-atlas-2026-11-29-000501.zip",
    "grid-atlas-2026-11-28-235959.zip",
    "grid-atlas-2026-11-29-000501.zip.partial",
    "notes.zip",
  ];

  it("lists only finished backups, newest first", () => {
    expect(listBackupFiles(names)).toEqual(["grid-atlas-2026-11-29-000501.zip", "grid-atlas-2026-11-28-235959.zip", "grid-atlas-2026-11-27-010000.zip"]);
  });

  it("keeps the newest N and prunes the rest, never other files", () => {
    expect(backupsToPrune(names, 2)).toEqual(["grid-atlas-2026-11-27-010000.zip"]);
    expect(backupsToPrune(names, 5)).toEqual([]);
  });

  it("counts days in China time", () => {
    // 2026-11-28T16:30Z is 00:30 on the 29th in China: the 29th's backup exists.
    expect(hasBackupForDay(names, new Date("2026-11-28T16:30:00Z"))).toBe(true);
    // 2026-11-29T16:30Z is the 30th in China: none yet.
    expect(hasBackupForDay(names, new Date("2026-11-29T16:30:00Z"))).toBe(false);
    // 2026-11-26T15:00Z is 23:00 on the 26th in China: none that day.
    expect(hasBackupForDay(names, new Date("2026-11-26T15:00:00Z"))).toBe(false);
  });
});
