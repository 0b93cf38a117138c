import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { postgis } from "@electric-sql/pglite-postgis";
import { drizzle } from "drizzle-orm/pglite";
import * as schema from "@/db/schema";
import { DatabaseSetupError } from "./errors";
import type { Database, Db } from "./types";

/**
 * Check that DATA_DIR can hold an embedded database before PGlite touches it.
 * We never delete or overwrite a folder we did not create.
 */
export function checkDataDir(dataDir: string): void {
  const dir = path.resolve(dataDir);
  if (fs.existsSync(dir)) {
    const stat = fs.statSync(dir);
    if (!stat.isDirectory()) {
      throw new DatabaseSetupError(`DATA_DIR ${dir} is a file, not a folder. Point DATA_DIR at an empty or existing Grid Atlas data folder.`);
    }
    try {
      fs.accessSync(dir, fs.constants.W_OK | fs.constants.R_OK);
    } catch {
      throw new DatabaseSetupError(`DATA_DIR ${dir} is not writable by this user. Fix its permissions or choose another DATA_DIR.`);
    }
    const entries = fs.readdirSync(dir);
    if (entries.length > 0 && !entries.includes("PG_VERSION")) {
      throw new DatabaseSetupError(
        `DATA_DIR ${dir} is not empty and does not hold a Grid Atlas database (no PG_VERSION). Choose an empty folder; nothing was changed.`,
      );
    }
    return;
  }
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw new DatabaseSetupError(`Cannot create DATA_DIR ${dir}: ${(error as Error).message}`);
  }
}

/** Open PGlite with PostGIS, persisted in `dataDir`, or in memory when `dataDir` is "memory". */
export async function openEmbedded(dataDir: string): Promise<Database> {
  const inMemory = dataDir === "memory";
  if (!inMemory) checkDataDir(dataDir);
  let client: PGlite;
  try {
    client = await PGlite.create({
      dataDir: inMemory ? undefined : path.resolve(dataDir),
      extensions: { postgis },
    });
  } catch (error) {
    throw new DatabaseSetupError(
      `Cannot open the embedded database in ${inMemory ? "memory" : path.resolve(dataDir)}: ${(error as Error).message}. ` +
        `If another Grid Atlas process uses this DATA_DIR, stop it first.`,
    );
  }
  const db = drizzle({ client, schema }) as unknown as Db;
  return {
    kind: "embedded",
    db,
    location: inMemory ? "memory" : path.resolve(dataDir),
    // One process owns an embedded database; nothing to coordinate with.
    exclusively: (fn) => fn(),
    close: () => client.close(),
  };
}
