import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorWithRole } from "@/lib/auth/actor";
import { streetOfCode } from "@/lib/auth/street-code";
import { query, queryOne } from "@/lib/db/query";
import { openTestDatabase, withTestDistrict } from "@/lib/db/test-database";
import type { Database, Db } from "@/lib/db/types";
import { runAlerts } from "./alerts";
import { AcceptArea, acceptSupervisedArea, listSupervisedAreas, NewSupervisedArea, openSupervisedArea } from "./supervised-areas";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

const commander = actorWithRole("commander");
const areasIn = async (tx: Db) => Number((await queryOne<{ n: number }>(tx, sql`select count(*)::int as n from supervised_areas`))!.n);

describe(`supervised areas (${process.env.TEST_DB ?? "embedded"})`, () => {
  it("opens an area over one street's cells, refuses bad targets, and accepts it only once the target is met", async () => {
    await withTestDistrict(database.db, 21, async (tx) => {
      const cells = await query<{ code: string; x: number; y: number }>(
        tx,
        sql`select code, ST_X(ST_PointOnSurface(geom)) as x, ST_Y(ST_PointOnSurface(geom)) as y from grid_cells order by code`,
      );
      const [a, b] = cells as [(typeof cells)[0], (typeof cells)[0]];
      expect(streetOfCode(a.code)).toBe(streetOfCode(b.code));
      const elsewhere = cells.find((c) => streetOfCode(c.code) !== streetOfCode(a.code))!;
      const input = NewSupervisedArea.parse({
        name: "测试督办点",
        cells: [a.code, b.code],
        department: "urban_management",
        category: "stall_violation",
        max_per_week: 2,
        deadline: "2030-04-30",
      });
      // Opened on Tuesday 5 March 2030: supervision counts from the week of Monday 11 March.
      const today = "2030-03-05";
      const refused = async (call: Promise<unknown>, status: number) => {
        await expect(call).rejects.toMatchObject({ status });
        expect(await areasIn(tx)).toBe(0);
      };
      await refused(openSupervisedArea(tx, commander, { ...input, deadline: "2030-03-05" }, today), 422);
      await refused(openSupervisedArea(tx, commander, { ...input, deadline: "2030-04-06" }, today), 422); // 3 whole weeks for a 4-week target
      await refused(openSupervisedArea(tx, commander, { ...input, cells: [a.code, elsewhere.code] }, today), 422);
      await refused(openSupervisedArea(tx, commander, { ...input, cells: [a.code, "330302999999999"] }, today), 422);
      await refused(openSupervisedArea(tx, commander, { ...input, department: "nobody" }, today), 422);
      await refused(openSupervisedArea(tx, actorWithRole("street_office", streetOfCode(a.code)), input, today), 403);
      expect(NewSupervisedArea.safeParse({ ...input, category: "patrol_checkin" }).success).toBe(false);
      expect(NewSupervisedArea.safeParse({ ...input, max_per_week: -1 }).success).toBe(false);

      const opened = await openSupervisedArea(tx, commander, input, today);
      expect(opened.properties).toMatchObject({ status: "open", cells: [a.code, b.code].sort(), opened_on: today, target_met: false });
      // No whole supervised week yet: nothing to accept on.
      await expect(acceptSupervisedArea(tx, commander, opened.properties.id, "现场复查", today)).rejects.toMatchObject({ status: 409, code: "area.target_not_measured" });

      // Stall violations planted per week (Mondays), split between the two cells; a complaint and
      // a violation in another street's cell do not count.
      const plant = async (cell: typeof a, category: string, at: string) =>
        tx.execute(sql`insert into events (geom, occurred_at, category, source)
          values (ST_SetSRID(ST_MakePoint(${cell.x}, ${cell.y}), 4326), ${at}::timestamptz, ${category}, 'patrol')`);
      const perWeek: [string, number][] = [["2030-03-11", 1], ["2030-03-18", 3], ["2030-03-25", 0], ["2030-04-01", 2], ["2030-04-08", 1], ["2030-04-15", 0]];
      for (const [monday, n] of perWeek) {
        for (let i = 0; i < n; i++) await plant(i % 2 ? b : a, "stall_violation", `${monday}T${10 + i}:00:00+08:00`);
      }
      await plant(a, "complaint", "2030-03-26T10:00:00+08:00");
      await plant(elsewhere, "stall_violation", "2030-03-26T10:00:00+08:00");
      // Late on Sunday 17 March (China time) is still the week of the 11th.
      await plant(a, "stall_violation", "2030-03-17T23:30:00+08:00");
      // 00:30 on Monday 15 April in China is still Sunday in UTC: it counts for the week of the 15th.
      await plant(b, "stall_violation", "2030-04-15T00:30:00+08:00");

      // On 15 April the last four whole weeks had 3, 0, 2 and 1 (Sunday's counts for the week of the 11th): not met.
      await expect(acceptSupervisedArea(tx, commander, opened.properties.id, "复查合格", "2030-04-15")).rejects.toMatchObject({
        status: 409,
        details: { weeks: [{ week: "2030-03-18", count: 3 }, { week: "2030-03-25", count: 0 }, { week: "2030-04-01", count: 2 }, { week: "2030-04-08", count: 1 }].map((w) => ({ ...w, supervised: true })) },
      });
      const listed = await listSupervisedAreas(tx, commander, "2030-04-22");
      const weeks = listed.features[0]!.properties.weeks;
      expect(weeks[0]!.week).toBe("2030-01-07"); // eight weeks before the week it opened
      expect(weeks.filter((w) => w.supervised).map((w) => [w.week, w.count])).toEqual([
        ["2030-03-11", 2], ["2030-03-18", 3], ["2030-03-25", 0], ["2030-04-01", 2], ["2030-04-08", 1], ["2030-04-15", 1],
      ]);
      expect(listed.features[0]!.properties.target_met).toBe(true);
      // A street office of another street does not see it; the commander needs a note.
      expect((await listSupervisedAreas(tx, actorWithRole("street_office", streetOfCode(elsewhere.code)), "2030-04-22")).features).toEqual([]);
      expect(AcceptArea.safeParse({ note: " " }).success).toBe(false);
      await expect(acceptSupervisedArea(tx, actorWithRole("street_office", streetOfCode(a.code)), opened.properties.id, "好", "2030-04-22")).rejects.toMatchObject({ status: 403 });

      const accepted = await acceptSupervisedArea(tx, commander, opened.properties.id, "复查合格，摘牌", "2030-04-22");
      expect(accepted.properties).toMatchObject({ status: "accepted", accepted_on: "2030-04-22", accept_note: "复查合格，摘牌", overdue: false });
      await expect(acceptSupervisedArea(tx, commander, opened.properties.id, "again", "2030-04-23")).rejects.toMatchObject({ status: 409 });
    });
  });

  it("raises an alert once for an area past its deadline and once a week per street with overdue cases", async () => {
    await withTestDistrict(database.db, 22, async (tx) => {
      const cell = await queryOne<{ code: string }>(tx, sql`select code from grid_cells order by code limit 1`);
      const area = await openSupervisedArea(
        tx,
        commander,
        NewSupervisedArea.parse({ name: "逾期督办点", cells: [cell!.code], department: "subdistrict_office", category: "complaint", max_per_week: 0, target_weeks: 1, deadline: "2026-07-14" }),
        "2026-07-01",
      );
      const kinds = (raised: { kind: string; area_id: number | null }[]) => raised.filter((r) => r.kind === "area_overdue").map((r) => r.area_id);
      expect(kinds((await runAlerts(tx, commander, "2026-07-14")).raised)).toEqual([]); // the deadline day itself is not late
      expect(kinds((await runAlerts(tx, commander, "2026-07-15")).raised)).toEqual([area.properties.id]);
      expect(kinds((await runAlerts(tx, commander, "2026-07-22")).raised)).toEqual([]); // raised once, not every week
      // Overdue cases: one alert per street per week, with the count on the day. Planted on an
      // otherwise empty register: two overdue in one street, one in another; not overdue: one due
      // later, one resolved late, one without a deadline.
      await tx.execute(sql`delete from events`);
      const [one, other] = await query<{ code: string; x: number; y: number }>(
        tx,
        sql`select distinct on (left(community_code, 9)) code, ST_X(ST_PointOnSurface(geom)) as x, ST_Y(ST_PointOnSurface(geom)) as y
            from grid_cells order by left(community_code, 9), code limit 2`,
      );
      const plantCase = (cell: typeof one, status: string, due: string | null) =>
        tx.execute(sql`insert into events (geom, occurred_at, category, status, source, department_code, due_on)
          values (ST_SetSRID(ST_MakePoint(${cell!.x}, ${cell!.y}), 4326), '2026-07-01T09:00:00+08:00', 'complaint', ${status}, 'hotline',
                  ${status === "reported" ? null : "subdistrict_office"}, ${due}::date)`);
      await plantCase(one, "assigned", "2026-07-20");
      await plantCase(one, "reported", "2026-07-28");
      await plantCase(one, "in_progress", "2026-07-29"); // due on the day: not yet overdue
      await plantCase(one, "resolved", "2026-07-10");
      await plantCase(one, "in_progress", null);
      await plantCase(other, "in_progress", "2026-07-15");
      const overdue = [{ street: streetOfCode(one!.code), n: 2 }, { street: streetOfCode(other!.code), n: 1 }];
      const next = (await runAlerts(tx, commander, "2026-07-29")).raised.filter((r) => r.kind === "cases_overdue");
      expect(next.map((r) => [r.street_code, r.details.count]).sort()).toEqual(overdue.map((o) => [o.street, o.n]).sort());
      expect((await runAlerts(tx, commander, "2026-07-30")).raised.filter((r) => r.kind === "cases_overdue")).toEqual([]);
    });
  });
});
