import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { tryLock } from "fs-native-extensions";
import { DatabaseSetupError } from "./errors";

/**
 * The exclusive lock that keeps an embedded database to one process.
 *
 * PGlite does not lock its folder: a second process opening the same DATA_DIR corrupts it for
 * good ("could not locate a valid checkpoint record"). So before PGlite touches DATA_DIR we take
 * an OS lock (an open-file-description lock on Linux, flock on macOS, LockFileEx on Windows) on
 * `DATA_DIR/grid-atlas.lock`. The operating system drops it when the process ends, however it
 * ends, so a lock is never "stale": there is no age, heartbeat or PID guess to get wrong. The
 * file's text only *describes* the holder (PID, start time, command, maintenance socket) so that
 * a refused opener can say who holds it and the CLI can find the running server.
 */
export const LOCK_FILE = "grid-atlas.lock";

export interface LockOwner {
  pid: number;
  /** ISO time the holder took the lock. */
  since: string;
  /** What the holder is: "server", "user CLI", "seed", "restore", "test", … */
  purpose: string;
  host: string;
  /** The holder's maintenance socket (running servers only): the CLI talks to it instead of opening the files. */
  socket?: string;
}

export class DataDirLockedError extends DatabaseSetupError {
  constructor(
    readonly dataDir: string,
    readonly owner: LockOwner | null,
  ) {
    super(
      owner
        ? `DATA_DIR ${dataDir} is in use by another Grid Atlas process (${owner.purpose}, PID ${owner.pid} on ${owner.host}, since ${owner.since}); nothing was changed. Stop it first, or use the running server.`
        : `DATA_DIR ${dataDir} is in use by another Grid Atlas process (it is starting up); nothing was changed. Stop it first, or use the running server.`,
    );
    this.name = "DataDirLockedError";
  }
}

export interface DataDirLock {
  dataDir: string;
  /** Rewrite the holder's description (e.g. once its maintenance socket listens). */
  describe(extra: Partial<LockOwner>): void;
  release(): void;
}

/** Locks held by this process, so a second open in the same process refuses too (and tests can see it). */
const held = new Map<string, DataDirLock>();

/**
 * Take the lock on `dataDir` (which must exist) or throw DataDirLockedError naming the holder.
 * Never waits: a second opener refuses at once and changes nothing.
 */
export function acquireDataDirLock(dataDir: string, purpose: string): DataDirLock {
  const dir = path.resolve(dataDir);
  if (held.has(dir)) throw new DataDirLockedError(dir, readLockOwner(dir));
  const file = path.join(dir, LOCK_FILE);
  // "a+" creates the file if missing and never truncates it: a refused opener leaves it as it was.
  const fd = fs.openSync(file, "a+", 0o600);
  let granted = false;
  try {
    granted = tryLock(fd);
  } catch (error) {
    fs.closeSync(fd);
    throw new DatabaseSetupError(`Cannot lock DATA_DIR ${dir} (${(error as Error).message}). Is it on a file system that supports locks?`);
  }
  if (!granted) {
    fs.closeSync(fd);
    throw new DataDirLockedError(dir, readLockOwner(dir));
  }
  let owner: LockOwner = { pid: process.pid, since: new Date().toISOString(), purpose, host: os.hostname() };
  const write = () => {
    fs.ftruncateSync(fd, 0);
    fs.writeSync(fd, JSON.stringify(owner) + "\n", 0);
    fs.fsyncSync(fd);
  };
  write();
  const lock: DataDirLock = {
    dataDir: dir,
    describe(extra) {
      owner = { ...owner, ...extra };
      write();
    },
    release() {
      if (held.get(dir) !== lock) return;
      held.delete(dir);
      // Closing the descriptor releases the lock; the file stays (deleting it would race with a
      // process that has just opened it).
      fs.closeSync(fd);
    },
  };
  held.set(dir, lock);
  return lock;
}

/** Who holds (or last held) the lock on `dataDir`, from the lock file's text; null when unknown. */
export function readLockOwner(dataDir: string): LockOwner | null {
  try {
    const text = fs.readFileSync(path.join(path.resolve(dataDir), LOCK_FILE), "utf8").trim();
    if (!text) return null;
    const owner = JSON.parse(text) as LockOwner;
    return typeof owner.pid === "number" ? owner : null;
  } catch {
    return null;
  }
}

/** Whether some process holds the lock right now (asked without taking it for long). */
export function isDataDirLocked(dataDir: string): boolean {
  const dir = path.resolve(dataDir);
  if (held.has(dir)) return true;
  const file = path.join(dir, LOCK_FILE);
  if (!fs.existsSync(file)) return false;
  const fd = fs.openSync(file, "r+");
  try {
    // Probing takes the lock for an instant; closing the descriptor gives it back.
    return !tryLock(fd);
  } finally {
    fs.closeSync(fd);
  }
}
