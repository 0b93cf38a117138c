import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { acquireDataDirLock, DataDirLockedError, isDataDirLocked, LOCK_FILE, readLockOwner } from "./data-dir-lock";
import { openEmbedded } from "./open-embedded";

const dirs: string[] = [];
const children: ChildProcess[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grid-atlas-lock-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** Another process that takes the lock through this module and holds it until killed. */
async function holdInChild(dir: string): Promise<ChildProcess> {
  const script = path.join(dir, "..", `${path.basename(dir)}-holder.mts`);
  fs.writeFileSync(
    script,
    `import { acquireDataDirLock } from ${JSON.stringify(path.resolve("lib/db/data-dir-lock.ts"))};
     acquireDataDirLock(${JSON.stringify(dir)}, "test holder");
     console.log("held");
     setInterval(() => {}, 1000);`,
  );
  // node --import tsx runs the script in this very process (the tsx command would fork another).
  const child = spawn(process.execPath, ["--import", "tsx", script], { stdio: ["ignore", "pipe", "inherit"] });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (data: Buffer) => data.toString().includes("held") && resolve());
    child.on("exit", (code) => reject(new Error(`holder exited with ${code}`)));
  });
  child.removeAllListeners("exit");
  fs.rmSync(script, { force: true });
  return child;
}

describe("DATA_DIR lock", () => {
  it("refuses a second holder in the same process, naming the first", () => {
    const dir = tempDir();
    const lock = acquireDataDirLock(dir, "first");
    try {
      expect(() => acquireDataDirLock(dir, "second")).toThrow(DataDirLockedError);
      expect(() => acquireDataDirLock(dir, "second")).toThrow(new RegExp(`first, PID ${process.pid}`));
    } finally {
      lock.release();
    }
    acquireDataDirLock(dir, "third").release();
  });

  it("refuses while another process holds it, leaves its description alone, and frees it when that process is killed", async () => {
    const dir = tempDir();
    const child = await holdInChild(dir);
    const text = fs.readFileSync(path.join(dir, LOCK_FILE), "utf8");
    expect(readLockOwner(dir)).toMatchObject({ pid: child.pid, purpose: "test holder" });
    expect(isDataDirLocked(dir)).toBe(true);

    let refused: unknown;
    try {
      acquireDataDirLock(dir, "intruder");
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(DataDirLockedError);
    expect((refused as DataDirLockedError).owner?.pid).toBe(child.pid);
    expect((refused as Error).message).toMatch(/in use by another Grid Atlas process \(test holder, PID \d+/);
    expect(fs.readFileSync(path.join(dir, LOCK_FILE), "utf8")).toBe(text);

    // No stale locks: the OS frees it the moment the holder dies, however it dies.
    child.kill("SIGKILL");
    await new Promise((resolve) => child.once("exit", resolve));
    expect(isDataDirLocked(dir)).toBe(false);
    const lock = acquireDataDirLock(dir, "after the crash");
    expect(readLockOwner(dir)).toMatchObject({ pid: process.pid, purpose: "after the crash" });
    lock.release();
  });

  it("keeps PGlite out of a locked folder: opening refuses and creates nothing", async () => {
    const dir = tempDir();
    const child = await holdInChild(dir);
    await expect(openEmbedded(dir, "second opener")).rejects.toThrow(DataDirLockedError);
    expect(fs.readdirSync(dir)).toEqual([LOCK_FILE]);
    child.kill("SIGKILL");
  });
});
