import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CoverageParams, getCoverage } from "@/lib/analytics/get-coverage";
import { actorWithRole, SYSTEM_ACTOR, type Actor } from "@/lib/auth/actor";
import { query, queryOne } from "@/lib/db/query";
import { openTestDatabase, withRollback, withTestDistrict } from "@/lib/db/test-database";
import type { Database, Db } from "@/lib/db/types";
import { HttpError } from "@/lib/http/errors";
import type { IdempotencyKey } from "@/lib/http/idempotency";
import { getRentalBuilding } from "@/lib/register/rental-buildings";
import { findCollection } from "@/lib/ogc/collections";
import { getItems, parseItemsQuery } from "@/lib/ogc/items";
import { listBuildingChecks } from "./check-records";
import { NewBuildingCheck, recordBuildingCheck } from "./record-check";
import { getWorklist, WorklistParams } from "./worklists";
import { setSetting, SettingInput } from "@/lib/settings/district-settings";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

interface Building {
  code: string;
  street: string;
  cell: string;
  units: number;
  letter: boolean;
  last: string | null;
}

/** A rented, registered building with no rule broken and its letter unsigned (the test district has some). */
async function pickBuilding(tx: Db, where = sql`true`): Promise<Building> {
  const row = await queryOne<Building>(
    tx,
    sql`select b.code, left(g.code, 9) || '000' as street, g.code as cell, b.units, b.responsibility_letter_signed as letter,
               (select max(checked_on)::text from building_checks c where c.building_id = b.id) as last
        from rental_buildings b join grid_cells g on g.id = b.grid_cell_id
        where b.registration_status = 'registered' and b.rented_units > 0 and b.meets_rental_conditions and not b.fire_hazard
          and not b.illegal_structure and not b.no_title and not b.other_safety_hazard and ${where}
        order by b.code limit 1`,
  );
  if (!row) throw new Error("the test district has no such building");
  return row;
}

const clean = (checkedOn: string, rented: number, extra: Partial<NewBuildingCheck> = {}): NewBuildingCheck =>
  NewBuildingCheck.parse({
    checked_on: checkedOn,
    meets_rental_conditions: true,
    illegal_structure: false,
    fire_hazard: false,
    no_title: false,
    other_safety_hazard: false,
    letter_signed: false,
    rented_units: rented,
    empty: false,
    ...extra,
  });

const failure = async (p: Promise<unknown>): Promise<{ status: number; message: string }> => {
  try {
    await p;
  } catch (e) {
    if (e instanceof HttpError) return { status: e.status, message: e.message };
    throw e;
  }
  throw new Error("expected a refusal");
};

describe(`building checks (${process.env.TEST_DB ?? "embedded"})`, () => {
  it("a routine check does not invent a signing date for a letter signed on an unknown day", async () => {
    await withTestDistrict(database.db, 22, async (tx) => {
      const b = await pickBuilding(tx, sql`b.responsibility_letter_signed`);
      await tx.execute(sql`update rental_buildings set letter_signed_on = null where code = ${b.code}`);
      const office: Actor = actorWithRole("street_office", b.street);
      const checkedOn = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
      const result = await recordBuildingCheck(tx, office, b.code, clean(checkedOn, 0, { letter_signed: true }));
      expect(result.building).toMatchObject({ responsibility_letter_signed: true, letter_signed_on: null });
      expect(result.check).toMatchObject({ letter_signed: true, letter_signed_on: null });
    });
  });

  it("a check updates the building and the live figures at once", async () => {
    await withTestDistrict(database.db, 21, async (tx) => {
      const b = await pickBuilding(tx, sql`not b.responsibility_letter_signed`);
      const office: Actor = actorWithRole("street_office", b.street);
      const today = new Date().toISOString().slice(0, 10) > "2026-06-30" ? new Date() : new Date("2026-07-01T04:00:00Z");
      const live = () => getCoverage(tx, office, CoverageParams.parse({ unit: "grid-cells", from: new Date(today.getTime() - 86_400_000 * 30).toISOString() }));
      const cellOf = (c: Awaited<ReturnType<typeof live>>) => c.features.find((f) => f.properties.code === b.cell)!.properties.metrics;
      const before = cellOf(await live());

      const checkedOn = new Date(today.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
      const result = await recordBuildingCheck(tx, office, b.code, clean(checkedOn, 1, { letter_signed: true }));
      expect(result.building).toMatchObject({ last_inspected_on: checkedOn, responsibility_letter_signed: true, letter_signed_on: checkedOn, rented_units: 1 });
      expect(result.check).toMatchObject({ checked_on: checkedOn, letter_signed: true, rented_units: 1 });
      // The check also stands as an inspection event at the building.
      const event = await queryOne<{ category: string }>(tx, sql`select category::text as category from events where id = ${result.check.event_id}`);
      expect(event?.category).toBe("inspection");

      const after = cellOf(await live());
      expect(after.responsibility_letters.numerator).toBe(before.responsibility_letters.numerator + 1);
      expect(after.responsibility_letters.denominator).toBe(before.responsibility_letters.denominator);
      const wasRecent = b.last !== null && b.last >= new Date(today.getTime() - 86_400_000 * 29).toISOString().slice(0, 10);
      expect(after.inspection_recency.numerator).toBe(before.inspection_recency.numerator + (wasRecent ? 0 : 1));
      expect(after.registration).toEqual(before.registration);
    });
  });

  it("a broken rule on a rented building opens a rectification due after the district's deadline; only a clearing check closes it", async () => {
    await withTestDistrict(database.db, 22, async (tx) => {
      const b = await pickBuilding(tx);
      const office = actorWithRole("street_office", b.street);
      await setSetting(tx, SYSTEM_ACTOR, SettingInput.parse({ key: "rectification_days", value: 20, valid_from: "2026-01-01", note: "区网格办通知" }));
      await expect(setSetting(tx, actorWithRole("planner"), SettingInput.parse({ key: "rectification_days", value: 5, valid_from: "2026-01-01" }))).rejects.toThrow(/admin/);
      expect(SettingInput.safeParse({ key: "rectification_days", value: 0, valid_from: "2026-01-01" }).success).toBe(false);
      const found = await recordBuildingCheck(tx, office, b.code, clean("2026-07-10", 1, { fire_hazard: true }), null, new Date("2026-07-12T02:00:00Z"));
      expect(found.opened).toEqual([expect.objectContaining({ rule: "fire_hazard", opened_on: "2026-07-10", due_on: "2026-07-30", closed_on: null })]);
      expect(found.building).toMatchObject({ fire_hazard: true, rentable: false, rental_status: "barred" });

      // Judged on fixed dates: not yet overdue on the 30th, six days overdue on 5 August.
      const on = async (date: string) => (await listBuildingChecks(tx, office, b.code, new Date(`${date}T04:00:00Z`))).rectifications[0]!;
      expect(await on("2026-07-30")).toMatchObject({ overdue: false, days_overdue: 0 });
      expect(await on("2026-08-05")).toMatchObject({ overdue: true, days_overdue: 6 });

      // A re-check still finding it opens nothing new; a clearing check closes it.
      const again = await recordBuildingCheck(tx, office, b.code, clean("2026-08-01", 1, { fire_hazard: true }), null, new Date("2026-08-01T04:00:00Z"));
      expect(again.opened).toEqual([]);
      const cleared = await recordBuildingCheck(tx, office, b.code, clean("2026-08-06", 1), null, new Date("2026-08-06T04:00:00Z"));
      expect(cleared.closed).toEqual([expect.objectContaining({ rule: "fire_hazard", closed_on: "2026-08-06", overdue: false })]);
      expect(cleared.building).toMatchObject({ rentable: true, rental_status: "allowed" });
      const history = await listBuildingChecks(tx, office, b.code, new Date("2026-08-06T04:00:00Z"));
      expect(history.checks.slice(0, 3).map((c) => c.checked_on)).toEqual(["2026-08-06", "2026-08-01", "2026-07-10"]);

      // ⑤ suspends renting until a clearing check; an empty building opens no rectification.
      const other = await pickBuilding(tx, sql`b.code > ${b.code}`);
      const otherOffice = actorWithRole("street_office", other.street);
      const hazard = await recordBuildingCheck(tx, otherOffice, other.code, clean("2026-07-10", 1, { other_safety_hazard: true }), null, new Date("2026-07-10T04:00:00Z"));
      expect(hazard.building).toMatchObject({ rentable: false, rental_status: "suspended" });
      expect(hazard.opened.map((r) => r.rule)).toEqual(["other_safety_hazard"]);
      const fixed = await recordBuildingCheck(tx, otherOffice, other.code, clean("2026-07-20", 0, { empty: true, fire_hazard: true }), null, new Date("2026-07-20T04:00:00Z"));
      expect(fixed.closed.map((r) => r.rule)).toEqual(["other_safety_hazard"]);
      expect(fixed.opened).toEqual([]);
      expect(fixed.building).toMatchObject({ rental_status: "barred", empty_since: "2026-07-20", rented_units: 0 });
    });
  });

  it("each of the five rules alone gives the outcome the rules state", async () => {
    await withTestDistrict(database.db, 23, async (tx) => {
      const b = await pickBuilding(tx);
      // The rules' own words: ①②③ 不准出租; ④ 不予办理营业执照 (renting not barred); ⑤ 停租整治.
      const expected: [string, ReturnType<typeof sql>, { rentable: boolean; rental_status: string; licence_allowed: boolean }][] = [
        ["① not meeting rental conditions", sql`meets_rental_conditions = false`, { rentable: false, rental_status: "barred", licence_allowed: true }],
        ["② illegal structure", sql`illegal_structure = true`, { rentable: false, rental_status: "barred", licence_allowed: true }],
        ["③ fire hazard", sql`fire_hazard = true`, { rentable: false, rental_status: "barred", licence_allowed: true }],
        ["④ no title", sql`no_title = true`, { rentable: true, rental_status: "allowed", licence_allowed: false }],
        ["⑤ safety hazard", sql`other_safety_hazard = true`, { rentable: false, rental_status: "suspended", licence_allowed: true }],
        ["none", sql`address = address`, { rentable: true, rental_status: "allowed", licence_allowed: true }],
      ];
      for (const [rule, set, outcome] of expected) {
        let row: unknown = null;
        // Each flag alone: undone before the next.
        await withRollback(tx, async (inner) => {
          await inner.execute(sql`update rental_buildings set ${set} where code = ${b.code}`);
          row = await queryOne(inner, sql`select rentable, rental_status, licence_allowed from rental_buildings where code = ${b.code}`);
        });
        expect({ rule, ...(row as object) }).toEqual({ rule, ...outcome });
      }
    });
  });

  it("refuses bad checks with a reason and changes nothing; a replayed key returns the first result", async () => {
    await withTestDistrict(database.db, 24, async (tx) => {
      const b = await pickBuilding(tx);
      const office = actorWithRole("street_office", b.street);
      const count = async () => Number((await queryOne<{ n: number }>(tx, sql`select count(*)::int as n from building_checks`))!.n);
      const n0 = await count();
      const now = new Date("2026-07-15T04:00:00Z");
      expect(await failure(recordBuildingCheck(tx, office, b.code, clean("2026-07-16", 1), null, now))).toMatchObject({ status: 422, message: expect.stringMatching(/in the future/) });
      expect(await failure(recordBuildingCheck(tx, office, b.code, clean("2020-01-01", 1), null, now))).toMatchObject({ status: 422, message: expect.stringMatching(/before the building entered the register/) });
      expect(await failure(recordBuildingCheck(tx, office, b.code, clean("2026-07-15", b.units + 1), null, now))).toMatchObject({ status: 400 });
      expect(await failure(recordBuildingCheck(tx, office, b.code, clean("2026-07-15", 1, { empty: true }), null, now))).toMatchObject({ status: 400, message: expect.stringMatching(/empty building/) });
      const otherStreet = (await queryOne<{ code: string }>(tx, sql`select code from streets where code <> ${b.street} order by code limit 1`))!.code;
      expect(await failure(recordBuildingCheck(tx, actorWithRole("street_office", otherStreet), b.code, clean("2026-07-15", 1), null, now))).toMatchObject({ status: 404 });
      expect(await failure(recordBuildingCheck(tx, actorWithRole("commander"), b.code, clean("2026-07-15", 1), null, now))).toMatchObject({ status: 403 });
      expect(NewBuildingCheck.safeParse({ ...clean("2026-07-15", 1), gas_leak: true }).error?.issues[0]?.message).toMatch(/gas_leak/);
      expect(await count()).toBe(n0);

      const key: IdempotencyKey = { owner: "user:test", key: "phone-queue-0001", request: "POST /checks a" };
      const first = await recordBuildingCheck(tx, office, b.code, clean("2026-07-15", 1), key, now);
      const replay = await recordBuildingCheck(tx, office, b.code, clean("2026-07-15", 1), key, now);
      expect(replay).toEqual(first);
      expect(await count()).toBe(n0 + 1);
      expect(await failure(recordBuildingCheck(tx, office, b.code, clean("2026-07-15", 2), { ...key, request: "POST /checks b" }, now))).toMatchObject({ status: 422 });
      // Checks are recorded in date order.
      expect(await failure(recordBuildingCheck(tx, office, b.code, clean("2026-07-14", 1), null, now))).toMatchObject({ status: 409, message: expect.stringMatching(/later check \(2026-07-15\)/) });
      expect(await count()).toBe(n0 + 1);
    });
  });

  it("names a building's cell as the tables do: its community and the cell's number", async () => {
    await withTestDistrict(database.db, 26, async (tx) => {
      const b = (await queryOne<{ code: string; cell: string; zh: string; en: string }>(
        tx,
        sql`select b.code, g.code as cell, c.name_zh as zh, c.name_en as en from rental_buildings b
            join grid_cells g on g.id = b.grid_cell_id join communities c on c.code = g.community_code order by b.code desc limit 1`,
      ))!;
      const record = await getRentalBuilding(tx, SYSTEM_ACTOR, b.code);
      expect(record.grid_cell_code).toBe(b.cell);
      expect([record.grid_cell_name_zh, record.grid_cell_name_en]).toEqual([`${b.zh} ${b.cell.slice(-3)}`, `${b.en} ${b.cell.slice(-3)}`]);
    });
  });

  it("shows a small household's size only to its own street and admins", async () => {
    await withTestDistrict(database.db, 25, async (tx) => {
      const b = (await queryOne<{ code: string; street: string; n: number }>(
        tx,
        sql`select b.code, left(g.code, 9) || '000' as street, b.registered_occupant_count as n from rental_buildings b
            join grid_cells g on g.id = b.grid_cell_id where b.registered_occupant_count between 1 and 4 order by b.code limit 1`,
      ))!;
      expect((await getRentalBuilding(tx, actorWithRole("street_office", b.street), b.code)).registered_occupant_count).toBe(b.n);
      expect((await getRentalBuilding(tx, SYSTEM_ACTOR, b.code)).registered_occupant_count).toBe(b.n);
      expect((await getRentalBuilding(tx, actorWithRole("commander"), b.code)).registered_occupant_count).toBeNull();
      const big = (await queryOne<{ code: string; n: number }>(tx, sql`select code, registered_occupant_count as n from rental_buildings where registered_occupant_count >= 5 order by code limit 1`))!;
      expect((await getRentalBuilding(tx, actorWithRole("planner"), big.code)).registered_occupant_count).toBe(big.n);
      // OGC items (and the exports built on them) withhold it for every reader, admins included.
      const collection = findCollection("rental-buildings")!;
      for (const [code, shown] of [[b.code, null], [big.code, big.n]] as const) {
        const { base, filters } = parseItemsQuery(collection, { code, limit: "5" });
        const page = await getItems(tx, SYSTEM_ACTOR, collection, base, filters);
        expect(page.features).toHaveLength(1);
        expect(page.features[0]!.properties?.registered_occupant_count).toBe(shown);
      }
    });
  });
});

describe(`work lists (${process.env.TEST_DB ?? "embedded"})`, () => {
  it("lists a street's buildings to visit, as counted from the raw register", async () => {
    await withTestDistrict(database.db, 26, async (tx) => {
      const all = await query<{ code: string; street: string; status: string; letter: boolean; rented: number; rentable: boolean; inspected: string | null }>(
        tx,
        sql`select b.code, left(g.code, 9) || '000' as street, b.registration_status::text as status, b.responsibility_letter_signed as letter,
                   b.rented_units as rented, b.rentable, b.last_inspected_on::text as inspected
            from rental_buildings b join grid_cells g on g.id = b.grid_cell_id`,
      );
      const street = all[0]!.street;
      const office = actorWithRole("street_office", street);
      const mine = all.filter((b) => b.street === street && b.status !== "deregistered");
      const now = new Date("2026-07-20T04:00:00Z");
      const expectCodes = async (list: Parameters<typeof getWorklist>[2], keep: (b: (typeof mine)[number]) => boolean) => {
        const result = await getWorklist(tx, office, list, WorklistParams.parse({ limit: 5000 }), now);
        const expected = mine.filter(keep).map((b) => b.code).sort();
        expect(expected.length).toBeGreaterThan(0);
        expect(result.total).toBe(expected.length);
        expect(result.rows.map((r) => r.code).sort()).toEqual(expected);
      };
      await expectCodes("letters-missing", (b) => !b.letter);
      await expectCodes("unregistered", (b) => b.status === "unregistered");
      await expectCodes("rented-not-rentable", (b) => b.rented > 0 && !b.rentable);
      await expectCodes("unchecked", (b) => b.inspected === null || b.inspected < "2026-07-01");

      // Open rectifications, overdue first (the demo opened them at each building's last check).
      const rect = await getWorklist(tx, office, "rectifications", WorklistParams.parse({ limit: 5000 }), now);
      const raw = await query<{ building_id: number; rule: string; due_on: string; closed_on: string | null }>(
        tx,
        sql`select building_id, rule, due_on::text as due_on, closed_on::text as closed_on from rectifications`,
      );
      const ids = await query<{ id: number; code: string }>(tx, sql`select id, code from rental_buildings`);
      const codeOf = new Map(ids.map((r) => [Number(r.id), r.code]));
      const mineCodes = new Set(mine.map((b) => b.code));
      const open = raw.filter((r) => r.closed_on === null && mineCodes.has(codeOf.get(Number(r.building_id))!));
      expect(open.length).toBeGreaterThan(0);
      expect(rect.rows.map((r) => `${r.code}:${r.rule}`).sort()).toEqual(open.map((r) => `${codeOf.get(Number(r.building_id))}:${r.rule}`).sort());
      const dues = rect.rows.map((r) => r.due_on!);
      expect([...dues].sort()).toEqual(dues);
      expect(rect.rows.filter((r) => (r.days_overdue ?? 0) > 0).length).toBe(open.filter((r) => r.due_on < "2026-07-20").length);

      // Empty for three calendar months or more (the same day three months back counts).
      const [a, b2, c] = mine.slice(0, 3);
      await tx.execute(sql`update rental_buildings set empty_since = case code when ${a!.code} then '2026-04-20'::date when ${b2!.code} then '2026-04-21'::date
                           when ${c!.code} then '2026-01-05'::date end where code in (${a!.code}, ${b2!.code}, ${c!.code})`);
      const empty = await getWorklist(tx, office, "empty-3-months", WorklistParams.parse({}), now);
      expect(empty.rows.map((r) => r.code)).toEqual([c!.code, a!.code]);
      // Another street's office cannot ask for this street's list.
      const other = all.find((b) => b.street !== street)!.street;
      await expect(getWorklist(tx, actorWithRole("street_office", other), "unchecked", WorklistParams.parse({ street }), now)).rejects.toThrow(/no street/);
    });
  });
});
