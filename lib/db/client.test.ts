import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { DatabaseSetupError } from "./errors";
import { MIGRATIONS_FOLDER, migrateDatabase } from "./migrate";
import { openEmbedded, checkDataDir } from "./open-embedded";
import { openServer } from "./open-server";
import { queryOne } from "./query";
import { openTestDatabase } from "./test-database";

const temp = fs.mkdtempSync(path.join(os.tmpdir(), "grid-atlas-db-"));
afterAll(() => fs.rmSync(temp, { recursive: true, force: true }));

describe("DATA_DIR checks", () => {
  it("refuses a folder that holds something else, and leaves it untouched", () => {
    const foreign = path.join(temp, "foreign");
    fs.mkdirSync(foreign);
    fs.writeFileSync(path.join(foreign, "notes.txt"), "mine");
    expect(() => checkDataDir(foreign)).toThrow(DatabaseSetupError);
    expect(() => checkDataDir(foreign)).toThrow(/not empty and does not hold a Grid Atlas database/);
    expect(fs.readFileSync(path.join(foreign, "notes.txt"), "utf8")).toBe("mine");
  });

  it("opening a foreign folder refuses without leaving a lock file in it", async () => {
    const foreign = path.join(temp, "foreign-open");
    fs.mkdirSync(foreign);
    fs.writeFileSync(path.join(foreign, "notes.txt"), "mine");
    await expect(openEmbedded(foreign)).rejects.toThrow(/not empty and does not hold a Grid Atlas database/);
    expect(fs.readdirSync(foreign)).toEqual(["notes.txt"]);
  });

  it("refuses a file in place of a folder", () => {
    const file = path.join(temp, "file");
    fs.writeFileSync(file, "x");
    expect(() => checkDataDir(file)).toThrow(/is a file, not a folder/);
  });

  it.skipIf(process.getuid?.() === 0)("refuses a folder it cannot write", () => {
    const locked = path.join(temp, "locked");
    fs.mkdirSync(locked, { mode: 0o500 });
    expect(() => checkDataDir(locked)).toThrow(/not writable/);
  });
});

describe("embedded database on disk", () => {
  it("keeps its data and migrations across re-opens (a second start does not reseed or re-migrate)", async () => {
    const dir = path.join(temp, "data");
    const first = await openEmbedded(dir);
    await migrateDatabase(first);
    await first.db.execute(sql`insert into dataset_meta (key, value) values ('marker', '1'::jsonb)`);
    await first.close();
    const second = await openEmbedded(dir);
    await migrateDatabase(second);
    const row = await queryOne<{ n: number }>(second.db, sql`select count(*)::int as n from dataset_meta where key = 'marker'`);
    await second.close();
    expect(row?.n).toBe(1);
    expect(fs.existsSync(path.join(dir, "PG_VERSION"))).toBe(true);
  });
});

describe(`migrations (${process.env.TEST_DB ?? "embedded"})`, () => {
  it("a failing migration leaves the database as it was", async () => {
    // A copy of the real migrations plus one that creates a table and then fails.
    const folder = path.join(temp, "migrations-broken");
    fs.cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
    const journalPath = path.join(folder, "meta", "_journal.json");
    const journal = JSON.parse(fs.readFileSync(journalPath, "utf8"));
    const last = journal.entries[journal.entries.length - 1];
    journal.entries.push({ ...last, idx: last.idx + 1, when: last.when + 1000, tag: "9999_broken" });
    fs.writeFileSync(journalPath, JSON.stringify(journal));
    fs.writeFileSync(
      path.join(folder, "9999_broken.sql"),
      "CREATE TABLE half_done (id int);\n--> statement-breakpoint\nSELECT 1 / 0;",
    );

    const database = await openTestDatabase(); // migrated with the real migrations
    try {
      await expect(migrateDatabase(database, folder)).rejects.toThrow();
      const table = await queryOne<{ t: string | null }>(database.db, sql`select to_regclass('public.half_done')::text as t`);
      expect(table?.t).toBeNull();
      const streets = await queryOne<{ t: string | null }>(database.db, sql`select to_regclass('public.streets')::text as t`);
      expect(streets?.t).toBe("streets");
    } finally {
      await database.close();
    }
  });
});

describe("PostgreSQL connection problems are explained in one line", () => {
  it("unreachable server", async () => {
    const error = await openServer("postgres://nobody:secret@127.0.0.1:1/none").catch((e: Error) => e);
    expect(error).toBeInstanceOf(DatabaseSetupError);
    expect((error as Error).message).toMatch(/Cannot reach PostgreSQL at postgres:\/\/nobody:\*\*\*@127\.0\.0\.1:1\/none/);
    expect((error as Error).message).not.toContain("secret");
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)("wrong password and missing database", async () => {
    const url = new URL(process.env.TEST_DATABASE_URL as string);
    url.password = "definitely-wrong";
    const wrong = await openServer(url.toString()).catch((e: Error) => e);
    expect(wrong).toBeInstanceOf(DatabaseSetupError);
    expect((wrong as Error).message).toMatch(/refused the credentials/);
    const missing = new URL(process.env.TEST_DATABASE_URL as string);
    missing.pathname = "/grid_atlas_does_not_exist";
    const gone = await openServer(missing.toString()).catch((e: Error) => e);
    expect((gone as Error).message).toMatch(/does not exist/);
  });
});
