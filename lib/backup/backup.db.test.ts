import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { unzipSync, zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoDistrict } from "@/db/seed";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { query } from "@/lib/db/query";
import { openScratchDatabase } from "@/lib/db/test-database";
import type { Database } from "@/lib/db/types";
import { createUser } from "@/lib/users/users";
import { NewUser } from "@/lib/users/user-input";
import { BACKUP_TABLES, DERIVED_TABLES, EXTENSION_TABLES } from "./backup-tables";
import { createBackup } from "./create-backup";
import { restoreBackup, RestoreRefusedError } from "./restore-backup";

// Backups are checked from outside: each table's row count and an md5 over its rows as the
// database prints them (row::text), which is not how the backup reads them (COPY).
const COMPARED = [...BACKUP_TABLES, "event_cell_weeks"];

async function fingerprint(database: Database): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of COMPARED) {
    const [row] = await query<{ n: number; h: string }>(
      database.db,
      sql`select count(*)::int as n, md5(coalesce(string_agg(t::text, E'\n' order by t::text), '')) as h from ${sql.identifier(table)} t`,
    );
    out[table] = `${row?.n}:${row?.h}`;
  }
  return out;
}

async function backupBytes(database: Database): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  await createBackup(database, (chunk) => chunks.push(chunk));
  return new Uint8Array(Buffer.concat(chunks));
}

const rowsOf = (print: Record<string, string>, table: string) => Number(print[table]?.split(":")[0]);

const AWKWARD = "back\\slash\ttab\r\nnew line \\N 中文 \b";

let source: Database;
beforeAll(async () => {
  source = await openScratchDatabase();
  await seedDemoDistrict(source.db, { scale: "test", seed: 7, anchorDate: "2026-06-30" });
  // Values the COPY text format must escape, on both databases.
  await source.db.execute(sql`insert into pois (name, category, geom) values (${AWKWARD}, 'school', ST_SetSRID(ST_MakePoint(120.65, 28.01), 4326))`);
  await createUser(source.db, SYSTEM_ACTOR, NewUser.parse({ email: "backup@example.org", display_name: "备份 测试", role: "planner", street_code: null, password: "a long enough password" }));
});
afterAll(async () => {
  await source?.close();
});

describe("backup and restore", () => {
  it("backs up every table but the derived ones", async () => {
    const rows = await query<{ table_name: string }>(
      source.db,
      sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
    );
    const decided = new Set<string>([...BACKUP_TABLES, ...Object.keys(DERIVED_TABLES), ...EXTENSION_TABLES]);
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.map((r) => r.table_name).filter((t) => !decided.has(t))).toEqual([]);
  });

  it("backup → change → restore gives back exactly the backed-up rows", async () => {
    const before = await fingerprint(source);
    expect(rowsOf(before, "events")).toBeGreaterThan(100);
    expect(rowsOf(before, "users")).toBe(1);
    expect(rowsOf(before, "audit_log")).toBeGreaterThan(0);
    expect(rowsOf(before, "event_cell_weeks")).toBeGreaterThan(0);
    const zip = await backupBytes(source);

    // Changes after the backup are not in it.
    await source.db.execute(sql`delete from pois where id = (select min(id) from pois)`);
    await source.db.execute(sql`update rental_buildings set units = units + 1 where id = (select min(id) from rental_buildings)`);
    const changed = await fingerprint(source);
    expect(changed.pois).not.toBe(before.pois);
    expect(changed.rental_buildings).not.toBe(before.rental_buildings);

    const target = await openScratchDatabase();
    try {
      const summary = await restoreBackup(target, zip);
      expect(summary.tables.find((t) => t.name === "events")?.rows).toBe(rowsOf(before, "events"));
      expect(await fingerprint(target)).toEqual(before);
      // New rows get new ids after the restored ones.
      const [next] = await query<{ id: number }>(
        target.db,
        sql`insert into pois (name, category, geom) select name, category, geom from pois limit 1 returning id`,
      );
      const [max] = await query<{ m: number }>(target.db, sql`select max(id)::int as m from pois where id <> ${next!.id}`);
      expect(Number(next!.id)).toBeGreaterThan(Number(max!.m));

      const [awkward] = await query<{ name: string }>(target.db, sql`select name from pois where name like 'back%'`);
      expect(awkward?.name).toBe(AWKWARD);
      // Layer versions continue far past anything a browser may have cached.
      const [layer] = await query<{ v: string }>(target.db, sql`select max(version)::text as v from layer_versions`);
      expect(BigInt(layer!.v)).toBeGreaterThan(1_700_000_000_000_000n);

      // A second restore into the now non-empty database is refused and changes nothing.
      const full = await fingerprint(target);
      await expect(restoreBackup(target, zip)).rejects.toThrow(/not empty/);
      expect(await fingerprint(target)).toEqual(full);
    } finally {
      await target.close();
    }
  });

  it("refuses a damaged or cut-short file and writes nothing", async () => {
    const zip = await backupBytes(source);
    const target = await openScratchDatabase();
    try {
      const empty = await fingerprint(target);
      await expect(restoreBackup(target, zip.slice(0, Math.floor(zip.length / 2)))).rejects.toBeInstanceOf(RestoreRefusedError);
      await expect(restoreBackup(target, new TextEncoder().encode("hello"))).rejects.toThrow(/not a Grid Atlas backup/);
      // Flip bytes in the middle of the first table's compressed data: inflating or the checksum fails.
      const damaged = zip.slice();
      for (let i = 200; i < 260; i++) damaged[i] = damaged[i]! ^ 0xff;
      await expect(restoreBackup(target, damaged)).rejects.toThrow();
      expect(await fingerprint(target)).toEqual(empty);

      // A table late in the order that the database refuses (a row with a missing value, its
      // checksum made to match): the tables already written are rolled back with it.
      const files = unzipSync(zip);
      const manifest = JSON.parse(new TextDecoder().decode(files["manifest.json"]));
      const bad = new TextEncoder().encode("1\tonly two values\n");
      files["tables/pois.copy"] = bad;
      const pois = manifest.tables.find((t: { name: string }) => t.name === "pois");
      Object.assign(pois, { bytes: bad.byteLength, sha256: createHash("sha256").update(bad).digest("hex"), rows: 1 });
      files["manifest.json"] = new TextEncoder().encode(JSON.stringify(manifest));
      await expect(restoreBackup(target, zipSync(files))).rejects.toThrow();
      expect(await fingerprint(target)).toEqual(empty);
    } finally {
      await target.close();
    }
  });
});
