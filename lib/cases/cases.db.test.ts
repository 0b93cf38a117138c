import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorWithRole } from "@/lib/auth/actor";
import { streetOfCode } from "@/lib/auth/street-code";
import { query, queryOne } from "@/lib/db/query";
import { openTestDatabase, withTestDistrict } from "@/lib/db/test-database";
import type { Database, Db } from "@/lib/db/types";
import { createEvent, getEvent } from "@/lib/register/events";
import { setSetting, SettingInput } from "@/lib/settings/district-settings";
import { CaseListParams, listCases } from "./list-cases";
import { changeCase, transitionCase } from "./transitions";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

const WUMA = "330302006000";
const wuma = actorWithRole("street_office", WUMA);
const commander = actorWithRole("commander");
const inWuma = { type: "Point" as const, coordinates: [120.6607, 28.0229] as [number, number] };

/** What a refused call leaves behind: the case's row and its audit rows, to compare before and after. */
async function snapshot(tx: Db, id: number) {
  const row = await queryOne(tx, sql`select status::text, department_code, due_on::text, resolved_at, updated_at from events where id = ${id}`);
  const audit = await queryOne<{ n: number }>(tx, sql`select count(*)::int as n from audit_log where entity = 'events' and entity_id = ${String(id)}`);
  return { row, audit: Number(audit!.n) };
}

describe(`cases (${process.env.TEST_DB ?? "embedded"})`, () => {
  it("gives a case its deadline in working days across the Spring Festival, from the district's setting", async () => {
    await withTestDistrict(database.db, 11, async (tx) => {
      // Thursday 12 February 2026; hand-counted on the State Council's calendar: 13 Feb, Saturday
      // 14 Feb (a make-up working day), then nine days off (15–23), 24–27 Feb, Saturday 28 Feb,
      // 2–6 Mar, 9–13 Mar, 16–18 Mar: the 20th working day is 18 March.
      const complaint = await createEvent(tx, wuma, { category: "complaint", occurred_at: "2026-02-12T10:00:00+08:00", source: "hotline", geometry: inWuma });
      expect(complaint).toMatchObject({ status: "reported", due_on: "2026-03-18", department_code: null });
      // A check-in is a record of work: done when recorded, no deadline.
      const checkIn = await createEvent(tx, wuma, { category: "patrol_checkin", occurred_at: "2026-02-12T10:00:00+08:00", source: "patrol", geometry: inWuma });
      expect(checkIn).toMatchObject({ status: "verified", due_on: null, allowed_transitions: [] });

      // The district gives complaints 5 working days from 1 February: 13, 14, 24, 25, 26 February.
      await setSetting(tx, actorWithRole("admin"), SettingInput.parse({ key: "case_days_complaint", value: 5, valid_from: "2026-02-01" }));
      const later = await createEvent(tx, wuma, { category: "complaint", occurred_at: "2026-02-12T10:00:00+08:00", source: "hotline", geometry: inWuma });
      expect(later.due_on).toBe("2026-02-26");
    });
  });

  it("moves a case only as the flow allows, and a refused move changes nothing", async () => {
    await withTestDistrict(database.db, 12, async (tx) => {
      const { id } = await createEvent(tx, wuma, { category: "stall_violation", occurred_at: "2026-06-01T10:00:00+08:00", source: "patrol", geometry: inWuma });
      const refused = async (call: () => Promise<unknown>, status: number, details?: object) => {
        const before = await snapshot(tx, id);
        await expect(call()).rejects.toMatchObject({ status, ...(details ? { details } : {}) });
        expect(await snapshot(tx, id)).toEqual(before);
      };
      await refused(() => transitionCase(tx, wuma, id, { to: "resolved", note: "" }), 409, { status: "reported", allowed: ["assigned"] });
      await refused(() => transitionCase(tx, wuma, id, { to: "assigned", note: "" }), 422);
      await refused(() => transitionCase(tx, wuma, id, { to: "assigned", note: "", department: "no_such_department" }), 422);
      await refused(() => transitionCase(tx, commander, id, { to: "assigned", note: "", department: "urban_management", due_on: "2026-05-31" }), 422);
      await refused(() => transitionCase(tx, actorWithRole("planner"), id, { to: "assigned", note: "", department: "urban_management" }), 403);
      // A street office assigns with the default deadline; the deadline is the command centre's to set.
      await refused(() => transitionCase(tx, wuma, id, { to: "assigned", note: "", department: "urban_management", due_on: "2026-12-31" }), 403);
      await refused(() => transitionCase(tx, actorWithRole("street_office", "330302001000"), id, { to: "assigned", note: "", department: "urban_management" }), 404);

      const assigned = await transitionCase(tx, commander, id, { to: "assigned", note: "请城管中队处置", department: "urban_management" });
      expect(assigned).toMatchObject({ status: "assigned", department_code: "urban_management", department_name_zh: "城管执法" });
      await refused(() => transitionCase(tx, wuma, id, { to: "in_progress", note: "" }, "19990101000000000000"), 412);
      await refused(() => changeCase(tx, wuma, id, { due_on: "2026-12-31" }), 403);
      const started = await transitionCase(tx, wuma, id, { to: "in_progress", note: "已到场" }, assigned.version);
      const answered = await transitionCase(tx, wuma, id, { to: "resolved", note: "摊位已撤离" });
      expect(answered.resolved_at).not.toBeNull();
      // Only the command centre verifies or sends back; sending back needs a reason.
      await refused(() => transitionCase(tx, wuma, id, { to: "verified", note: "" }), 409, { status: "resolved", allowed: [] });
      await refused(() => transitionCase(tx, commander, id, { to: "in_progress", note: "" }), 422);
      const rejected = await transitionCase(tx, commander, id, { to: "in_progress", note: "复查仍有摊位" });
      expect(rejected).toMatchObject({ status: "in_progress", resolved_at: null });
      await transitionCase(tx, wuma, id, { to: "resolved", note: "再次清理" });
      const verified = await transitionCase(tx, commander, id, { to: "verified", note: "" });
      expect(verified.allowed_transitions).toEqual([]);
      await refused(() => changeCase(tx, commander, id, { department: "subdistrict_office" }), 409);

      expect(verified.history.map((s) => [s.action, s.from, s.to, s.note])).toEqual([
        ["create", null, "reported", ""],
        ["transition", "reported", "assigned", "请城管中队处置"],
        ["transition", "assigned", "in_progress", "已到场"],
        ["transition", "in_progress", "resolved", "摊位已撤离"],
        ["transition", "resolved", "in_progress", "复查仍有摊位"],
        ["transition", "in_progress", "resolved", "再次清理"],
        ["transition", "resolved", "verified", ""],
      ]);
      expect(started.status).toBe("in_progress");
      expect((await getEvent(tx, commander, id)).status).toBe("verified");
    });
  });

  it("counts overdue cases per street and department on fixed dates, the median time to resolve and the clearance rate", async () => {
    await withTestDistrict(database.db, 13, async (tx) => {
      const cells = await query<{ id: number; code: string; x: number; y: number }>(
        tx,
        sql`select distinct on (left(community_code, 9)) id, code, ST_X(ST_PointOnSurface(geom)) as x, ST_Y(ST_PointOnSurface(geom)) as y
            from grid_cells order by left(community_code, 9), code limit 2`,
      );
      const [a, b] = cells as [(typeof cells)[0], (typeof cells)[0]];
      // Only the planted cases: the tallies count every open case, whenever it happened.
      await tx.execute(sql`delete from events`);
      // An active zone around cell a's point only, in force from 2 March 2030.
      await tx.execute(sql`insert into no_stall_zones (name, category, status, valid_from, geom)
        values ('测试禁摊区', 'main_road', 'active', '2030-03-02', ST_Multi(ST_Buffer(ST_SetSRID(ST_MakePoint(${a.x}, ${a.y}), 4326), 0.0005)))`);
      // March 2030, after every seeded event. [cell, category, status, department, happened, due, resolved]
      const planted: [typeof a, string, string, string | null, string, string | null, string | null][] = [
        [a, "stall_violation", "assigned", "urban_management", "2030-03-01T09:00:00+08:00", "2030-03-10", null], // overdue on the 15th
        [a, "stall_violation", "in_progress", "urban_management", "2030-03-02T09:00:00+08:00", "2030-03-20", null], // not yet
        [a, "stall_violation", "resolved", "urban_management", "2030-03-03T09:00:00+08:00", "2030-03-10", "2030-03-05T09:00:00+08:00"], // 2 days, in time
        [a, "stall_violation", "verified", "urban_management", "2030-03-03T09:00:00+08:00", "2030-03-04", "2030-03-07T09:00:00+08:00"], // 4 days, late
        [b, "complaint", "reported", null, "2030-03-04T09:00:00+08:00", "2030-03-12", null], // overdue
        [b, "fire_hazard", "assigned", "fire_rescue", "2030-03-04T09:00:00+08:00", "2030-03-14", null], // overdue on the 15th, not the 14th
        [b, "complaint", "resolved", "subdistrict_office", "2030-03-05T09:00:00+08:00", "2030-03-30", "2030-03-11T09:00:00+08:00"], // 6 days
        [b, "patrol_checkin", "verified", null, "2030-03-05T09:00:00+08:00", "2030-03-01", null], // not a case
        [b, "complaint", "in_progress", "subdistrict_office", "2029-11-05T09:00:00+08:00", "2029-12-03", null], // before the window, still open and overdue
        [b, "complaint", "verified", "subdistrict_office", "2029-11-06T09:00:00+08:00", "2029-12-03", "2029-11-07T09:00:00+08:00"], // before the window, done: not listed
        [a, "stall_violation", "in_progress", "urban_management", "2030-03-06T09:00:00+08:00", null, null], // no deadline: never overdue
      ];
      for (const [cell, category, status, department, happened, due, resolved] of planted) {
        await tx.execute(sql`insert into events (geom, occurred_at, category, status, source, department_code, due_on, resolved_at)
          values (ST_SetSRID(ST_MakePoint(${cell.x}, ${cell.y}), 4326), ${happened}::timestamptz, ${category}, ${status}, 'patrol',
                  ${department}, ${due}::date, ${resolved}::timestamptz)`);
      }
      const window = { from: "2030-03-01T00:00:00+08:00", to: "2030-04-01T00:00:00+08:00" };
      const params = CaseListParams.parse(window);
      const on15 = await listCases(tx, commander, params, "2030-03-15");
      // The window lists what happened in March (8 cases; the check-in is not one, November's are outside).
      expect(on15.total).toBe(8);
      const tallies = (list: typeof on15.summary.by_street) => Object.fromEntries(list.map((t) => [t.code, [t.open, t.overdue]]));
      const streetOf = streetOfCode;
      // The tallies count every open case, November's too; the one without a deadline is open, never overdue.
      expect(tallies(on15.summary.by_street)).toEqual({ [streetOf(a.code)]: [3, 1], [streetOf(b.code)]: [3, 3] });
      expect(tallies(on15.summary.by_department)).toEqual({ urban_management: [3, 1], fire_rescue: [1, 1], subdistrict_office: [1, 1] });
      expect(on15.summary.median_days_to_resolve).toBe(4); // 2, 4 and 6 days
      // Three stall violations inside the zone while it was in force (not the one of 1 March); one resolved by its deadline.
      expect(on15.summary.clearance).toEqual({ in_zones: 3, cleared_in_time: 1, rate: 1 / 3 });

      const on14 = await listCases(tx, commander, params, "2030-03-14");
      expect(tallies(on14.summary.by_street)[streetOf(b.code)]).toEqual([3, 2]);
      const overdueOnly = await listCases(tx, commander, CaseListParams.parse({ from: "2030-03-01T00:00:00+08:00", to: "2030-04-01T00:00:00+08:00", overdue: "true" }), "2030-03-15");
      expect(overdueOnly.cases.map((c) => c.due_on)).toEqual(["2029-12-03", "2030-03-10", "2030-03-12", "2030-03-14"]);
      expect(overdueOnly.cases.every((c) => c.overdue === true)).toBe(true);
      // Each case says where, in words: its cell's community (the code's first 12 digits) and street.
      for (const c of overdueOnly.cases) {
        const names = await queryOne<{ street: string; community: string }>(
          tx,
          sql`select (select name_zh from streets where code = ${streetOfCode(c.grid_cell_code!)}) as street,
                     (select name_zh from communities where code = ${c.grid_cell_code!.slice(0, 12)}) as community`,
        );
        expect([c.street_name_zh, c.community_name_zh]).toEqual([names!.street, names!.community]);
      }
      const noDeadline = (await listCases(tx, commander, CaseListParams.parse({ ...window, overdue: "false", status: "in_progress" }), "2030-03-15")).cases;
      expect(noDeadline.map((c) => [c.due_on, c.overdue])).toEqual([["2030-03-20", false], [null, false]]);
      // A street office sees its own street's cases only.
      const office = await listCases(tx, actorWithRole("street_office", streetOf(b.code)), params, "2030-03-15");
      expect(office.total).toBe(3);
      expect(office.summary.by_street.map((t) => t.code)).toEqual([streetOf(b.code)]);
      const officeOpen = await listCases(tx, actorWithRole("street_office", streetOf(b.code)), CaseListParams.parse({ ...window, status: "open" }), "2030-03-15");
      expect(officeOpen.cases.map((c) => c.due_on).sort()).toEqual(["2029-12-03", "2030-03-12", "2030-03-14"]);
    });
  });
});
