import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorWithRole } from "@/lib/auth/actor";
import { queryOne } from "@/lib/db/query";
import { openTestDatabase, withTestDistrict } from "@/lib/db/test-database";
import type { Database } from "@/lib/db/types";
import { CellEventsParams, cellEvents } from "./cell-events";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

const commander = actorWithRole("commander");

describe(`a cell's events for a hot spot's panel (${process.env.TEST_DB ?? "embedded"})`, () => {
  it("counts the window's events by category and lists the latest first; another street's office finds no such cell", async () => {
    await withTestDistrict(database.db, 7, async (tx) => {
      const cell = await queryOne<{ code: string; x: number; y: number }>(
        tx,
        sql`select code, ST_X(ST_PointOnSurface(geom)) as x, ST_Y(ST_PointOnSurface(geom)) as y from grid_cells where code like '330302006%' order by code limit 1`,
      );
      const at = sql`ST_SetSRID(ST_MakePoint(${Number(cell!.x)}, ${Number(cell!.y)}), 4326)`;
      // In March 2030, long after the seeded events: 3 stall violations, 1 complaint; one the week
      // before the window and one of another cell's place do not count.
      const planted: [string, string][] = [
        ["stall_violation", "2030-03-02T09:00:00+08:00"],
        ["stall_violation", "2030-03-05T18:30:00+08:00"],
        ["complaint", "2030-03-06T08:00:00+08:00"],
        ["stall_violation", "2030-03-20T10:00:00+08:00"],
        ["stall_violation", "2030-02-25T10:00:00+08:00"],
      ];
      for (const [category, when] of planted) {
        await tx.execute(sql`insert into events (geom, occurred_at, category, source) values (${at}, ${when}::timestamptz, ${category}, 'patrol')`);
      }
      const window = { from: "2030-03-01T00:00:00+08:00", to: "2030-04-01T00:00:00+08:00" };
      const march = CellEventsParams.parse({ ...window, limit: "2" });
      const result = await cellEvents(tx, commander, cell!.code, march);
      expect(result.total).toBe(4);
      expect(result.by_category).toEqual({ stall_violation: 3, complaint: 1, fire_hazard: 0, unlicensed_business: 0, illegal_structure: 0, patrol_checkin: 0, inspection: 0 });
      expect(result.events.map((e) => [e.category, e.occurred_at])).toEqual([
        ["stall_violation", "2030-03-20T02:00:00Z"],
        ["complaint", "2030-03-06T00:00:00Z"],
      ]);
      const complaints = await cellEvents(tx, commander, cell!.code, CellEventsParams.parse({ ...window, categories: "complaint" }));
      expect([complaints.total, complaints.events.length]).toEqual([1, 1]);

      await expect(cellEvents(tx, actorWithRole("street_office", "330302006000"), cell!.code, march)).resolves.toMatchObject({ total: 4 });
      await expect(cellEvents(tx, actorWithRole("street_office", "330302007000"), cell!.code, march)).rejects.toMatchObject({ status: 404 });
      await expect(cellEvents(tx, commander, "330302006999999", march)).rejects.toMatchObject({ status: 404 });
    });
  });
});
