import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoDistrict } from "@/db/seed";
import { query } from "./query";
import { openTestDatabase, withRollback } from "./test-database";
import type { Database, Db } from "./types";

/**
 * Migration 0022 (targets and settings per district) on a database that already held targets:
 * its data statements, read from the migration file itself, run on rows as they stood before it
 * (no district). In a system of one district every row becomes that district's; in a city only
 * the demo's rows become the generated district's, and not for a metric someone recorded.
 */
let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

const dataStatements = fs
  .readFileSync(path.join(import.meta.dirname, "../../db/migrations/0022_district_targets.sql"), "utf8")
  .split("--> statement-breakpoint")
  .map((s) => s.replace(/^--.*$/gm, "").trim())
  .filter((s) => s.startsWith("UPDATE"));

async function upgrade(tx: Db) {
  // The rows as recorded before districts had targets of their own.
  await tx.execute(sql`update coverage_targets set district_code = null`);
  await tx.execute(sql`update district_settings set district_code = null`);
  for (const statement of dataStatements) await tx.execute(sql.raw(statement));
  return query<{ metric: string; recorded_by: string; district_code: string | null }>(
    tx,
    sql`select metric, recorded_by, district_code from coverage_targets order by metric, recorded_by`,
  );
}

async function recordOwnRows(tx: Db) {
  await tx.execute(sql`insert into coverage_targets (metric, value, valid_from, own_choice, recorded_by) values ('registration', 0.9, '2026-03-01', true, 'admin@x')`);
  await tx.execute(sql`insert into district_settings (key, value, valid_from, recorded_by) values ('rectification_days', '20', '2026-03-01', 'admin@x')`);
}

describe(`migration 0022 on existing targets (${process.env.TEST_DB ?? "embedded"})`, () => {
  it("has the three data statements", () => {
    expect(dataStatements).toHaveLength(3);
  });

  it("gives a system of one district all its rows", async () => {
    await withRollback(database.db, async (tx) => {
      await seedDemoDistrict(tx, { scale: "test", seed: 3, anchorDate: "2026-06-30" });
      await recordOwnRows(tx);
      const rows = await upgrade(tx);
      expect(rows.length).toBe(7);
      expect(rows.every((r) => r.district_code === "330302")).toBe(true);
      expect(await query(tx, sql`select key, district_code from district_settings`)).toEqual([{ key: "rectification_days", district_code: "330302" }]);
    });
  });

  it("in a city, gives the generated district the demo's rows, except for a metric someone recorded", async () => {
    await withRollback(database.db, async (tx) => {
      await seedDemoDistrict(tx, { scale: "test", seed: 3, anchorDate: "2026-06-30", districts: 2 });
      await recordOwnRows(tx);
      const rows = await upgrade(tx);
      const own = rows.filter((r) => r.district_code !== null).map((r) => r.metric);
      expect(own.sort()).toEqual(["guidance", "inspection_recency", "patrol", "registration_units", "responsibility_letters"]);
      expect(rows.filter((r) => r.metric === "registration").map((r) => r.district_code)).toEqual([null, null]);
      expect(await query(tx, sql`select key, district_code from district_settings`)).toEqual([{ key: "rectification_days", district_code: null }]);
    });
  });
});
