import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoDistrict } from "@/db/seed";
import { CoverageParams, getCoverage } from "@/lib/analytics/get-coverage";
import { actorWithRole, SYSTEM_ACTOR } from "@/lib/auth/actor";
import { queryOne } from "@/lib/db/query";
import { openTestDatabase, withRollback } from "@/lib/db/test-database";
import type { Database, Db } from "@/lib/db/types";
import { freezeMonth } from "@/lib/monthly/freeze-month";
import { getMonthlyReport } from "@/lib/monthly/monthly-report";
import { getMonthlyTrend } from "@/lib/monthly/monthly-trend";
import { createEvent, NewEvent } from "@/lib/register/events";
import { listSettings, setSetting, SettingInput } from "@/lib/settings/district-settings";
import { listTargets, setTarget, TargetInput, targetsInForce } from "@/lib/targets/coverage-targets";
import { demoSummary, removeDemoData } from "@/lib/setup/demo-data";
import { getDistrictStatus } from "@/lib/setup/district-status";
import { addWorkingDays } from "@/lib/time/working-days";
import { statusOf } from "@/lib/http/testing/status-of";

/**
 * Targets and settings per district (issue #20), on a city of two districts: 鹿城区 (330302, the
 * generated district, whose demo targets cite its own rules) and its copy 龙湾区 (330303, none of
 * its own). A row for all districts applies where a district has none of its own in force; a
 * district's admin records and reads its own district's only. The expected targets are the
 * values recorded in the test; units below target are counted here from the rates.
 */
let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

const LUCHENG = "330302";
const LONGWAN = "330303";
const longwanAdmin = actorWithRole("admin", null, LONGWAN);
const june = CoverageParams.parse({ from: "2026-06-01T00:00:00+08:00", to: "2026-07-01T00:00:00+08:00" });

async function city(tx: Db) {
  await seedDemoDistrict(tx, { scale: "test", seed: 12, anchorDate: "2026-06-30", districts: 2 });
  const street = async (district: string) => (await queryOne<{ code: string }>(tx, sql`select min(code) as code from streets where code like ${district + "%"}`))!.code;
  return { luchengStreet: await street(LUCHENG), longwanStreet: await street(LONGWAN) };
}

/** The registration target a street's coverage is judged against, and whether its count of cells below it is right. */
async function registrationTarget(tx: Db, street: string, params = june) {
  const coverage = await getCoverage(tx, SYSTEM_ACTOR, { ...params, street });
  const target = coverage.summary.targets.registration;
  const below = coverage.features.filter((f) => {
    const rate = f.properties.metrics.registration.rate;
    return rate !== null && rate < target.value - 1e-12;
  }).length;
  expect(coverage.summary.units_below_target.registration).toBe(below);
  return target;
}

describe(`targets and settings per district (${process.env.TEST_DB ?? "embedded"})`, () => {
  it("a district's own targets apply to it; the targets for all districts to the others", async () => {
    await withRollback(database.db, async (tx) => {
      const { luchengStreet, longwanStreet } = await city(tx);
      // Seeded: 鹿城区's rules are 鹿城区's; 龙湾区 has nothing recorded, so the fallback shows as such.
      expect(await registrationTarget(tx, luchengStreet)).toMatchObject({ value: 0.95, district_code: LUCHENG, fallback: false });
      expect(await registrationTarget(tx, longwanStreet)).toMatchObject({ value: 0.95, district_code: null, fallback: true, source: null });

      // The city records a target for all districts: 龙湾区 takes it, 鹿城区 keeps its own.
      await setTarget(tx, SYSTEM_ACTOR, TargetInput.parse({ district_code: null, metric: "registration", value: 0.9, valid_from: "2026-06-01", source_title: "市网格办 2026 年要点" }));
      expect(await registrationTarget(tx, longwanStreet)).toMatchObject({ value: 0.9, district_code: null, fallback: false, source: { title: "市网格办 2026 年要点" } });
      expect(await registrationTarget(tx, luchengStreet)).toMatchObject({ value: 0.95, district_code: LUCHENG });
      // The whole city (two districts, no area) is judged against the targets for all districts.
      expect((await getCoverage(tx, SYSTEM_ACTOR, june)).summary.targets.registration).toMatchObject({ value: 0.9, district_code: null });

      // 龙湾区's admin records its own, without naming the district: it is 龙湾区's, from its date on.
      const row = await setTarget(tx, longwanAdmin, TargetInput.parse({ metric: "registration", value: 0.85, valid_from: "2026-06-10", own_choice: true }));
      expect(row.district_code).toBe(LONGWAN);
      expect(await registrationTarget(tx, longwanStreet)).toMatchObject({ value: 0.85, district_code: LONGWAN, own_choice: true });
      expect(await registrationTarget(tx, luchengStreet)).toMatchObject({ value: 0.95, district_code: LUCHENG });
      expect((await targetsInForce(tx, "2026-06-09", LONGWAN)).registration).toMatchObject({ value: 0.9, district_code: null });
      // The whole city by streets: each street is judged by its own district's target.
      const wholeCity = await getCoverage(tx, SYSTEM_ACTOR, { ...june, unit: "streets" });
      const ownTarget = (code: string) => (code.startsWith(LONGWAN) ? 0.85 : 0.95);
      expect(wholeCity.features.map((f) => [f.properties.code, f.properties.metrics.registration.target])).toEqual(wholeCity.features.map((f) => [f.properties.code, ownTarget(f.properties.code)]));
      expect(wholeCity.summary.units_below_target.registration).toBe(
        wholeCity.features.filter((f) => f.properties.metrics.registration.rate !== null && f.properties.metrics.registration.rate < ownTarget(f.properties.code) - 1e-12).length,
      );
      expect(wholeCity.summary.targets_by_district[LONGWAN]!.registration.value).toBe(0.85);
      expect((await targetsInForce(tx, "2026-06-20", null)).registration).toMatchObject({ value: 0.9, district_code: null });

      // Its admin reads its own district's, and cannot touch another's or all districts'.
      const own = await listTargets(tx, longwanAdmin, { today: "2026-06-20" });
      expect(own.district).toBe(LONGWAN);
      expect(own.targets.find((x) => x.metric === "registration")!.history.map((h) => [h.value, h.valid_from])).toEqual([[0.85, "2026-06-10"]]);
      expect(await statusOf(() => listTargets(tx, longwanAdmin, { district: LUCHENG }))).toBe(404);
      expect(await statusOf(() => setTarget(tx, longwanAdmin, TargetInput.parse({ district_code: LUCHENG, metric: "patrol", value: 0.5, valid_from: "2026-06-01", own_choice: true })))).toBe(404);
      expect(await statusOf(() => setTarget(tx, longwanAdmin, TargetInput.parse({ district_code: null, metric: "patrol", value: 0.5, valid_from: "2026-06-01", own_choice: true })))).toBe(403);
      expect(await statusOf(() => setTarget(tx, SYSTEM_ACTOR, TargetInput.parse({ district_code: "330399", metric: "patrol", value: 0.5, valid_from: "2026-06-01", own_choice: true })))).toBe(400);
      // 区情设置's counts for 龙湾区's admin are 龙湾区's: the copy holds exactly half of each coded layer.
      const whole = await getDistrictStatus(tx, SYSTEM_ACTOR);
      const longwanLayers = (await getDistrictStatus(tx, longwanAdmin)).layers;
      // (POIs by place: the districts do not touch, so each point lies in one.)
      for (const layer of ["streets", "communities", "grid-cells", "rental-buildings", "pois"] as const) {
        const all = whole.layers.find((l) => l.layer === layer)!.count;
        expect([layer, longwanLayers.find((l) => l.layer === layer)!.count]).toEqual([layer, all / 2]);
      }
      // The demo spans every district: not one district's admin to remove.
      expect((await demoSummary(tx, longwanAdmin)).blockers).toContain("the demo covers every district: only a city-level administrator removes it");
      expect(await statusOf(() => removeDemoData(tx, longwanAdmin))).toBe(409);
      // A street office's list is its district's.
      expect((await listTargets(tx, actorWithRole("street_office", longwanStreet), { today: "2026-06-20" })).district).toBe(LONGWAN);
    });
  });

  it("a frozen month keeps each district's targets of its time", async () => {
    await withRollback(database.db, async (tx) => {
      const { luchengStreet, longwanStreet } = await city(tx);
      await setTarget(tx, SYSTEM_ACTOR, TargetInput.parse({ district_code: null, metric: "registration", value: 0.9, valid_from: "2026-05-01", own_choice: true }));
      await setTarget(tx, SYSTEM_ACTOR, TargetInput.parse({ district_code: LONGWAN, metric: "registration", value: 0.85, valid_from: "2026-05-01", own_choice: true }));
      await freezeMonth(tx, SYSTEM_ACTOR, "2026-05", { now: new Date("2026-06-02T00:00:00+08:00") });
      // Recorded after the freeze, for the same dates: the frozen month does not follow.
      await setTarget(tx, SYSTEM_ACTOR, TargetInput.parse({ district_code: LONGWAN, metric: "registration", value: 0.5, valid_from: "2026-05-01", own_choice: true }));
      await setTarget(tx, SYSTEM_ACTOR, TargetInput.parse({ district_code: null, metric: "registration", value: 0.6, valid_from: "2026-05-01", own_choice: true }));

      const may = CoverageParams.parse({ from: "2026-05-01T00:00:00+08:00", to: "2026-06-01T00:00:00+08:00" });
      const frozen = await getCoverage(tx, SYSTEM_ACTOR, { ...may, street: longwanStreet });
      expect(frozen.summary.frozen_at).toBeTruthy();
      expect(await registrationTarget(tx, longwanStreet, may)).toMatchObject({ value: 0.85, district_code: LONGWAN });
      expect(await registrationTarget(tx, luchengStreet, may)).toMatchObject({ value: 0.95, district_code: LUCHENG });
      expect((await getCoverage(tx, SYSTEM_ACTOR, may)).summary.targets.registration).toMatchObject({ value: 0.9, district_code: null });
      // The trend's frozen May reads the same.
      const trend = await getMonthlyTrend(tx, SYSTEM_ACTOR, { street: longwanStreet, months: 2, until: "2026-05" }, new Date("2026-06-02T00:00:00+08:00"));
      expect(trend.find((p) => p.month === "2026-05")!.metrics.registration.target).toBe(0.85);
    });
  });

  it("a frozen month of a system of one district reads the same after a second district arrives", async () => {
    await withRollback(database.db, async (tx) => {
      await seedDemoDistrict(tx, { scale: "test", seed: 12, anchorDate: "2026-06-30" });
      // Recorded without naming a district in a system of one: 鹿城区's own.
      await setTarget(tx, SYSTEM_ACTOR, TargetInput.parse({ metric: "registration", value: 0.7, valid_from: "2026-05-01", own_choice: true }));
      await freezeMonth(tx, SYSTEM_ACTOR, "2026-05", { now: new Date("2026-06-02T00:00:00+08:00") });
      const may = CoverageParams.parse({ from: "2026-05-01T00:00:00+08:00", to: "2026-06-01T00:00:00+08:00" });
      const before = await getCoverage(tx, SYSTEM_ACTOR, may);
      expect(before.summary.targets.registration).toMatchObject({ value: 0.7, district_code: LUCHENG });
      const reportBefore = await getMonthlyReport(tx, SYSTEM_ACTOR, { month: "2026-05", unit: "streets" }, new Date("2026-06-02T00:00:00+08:00"));

      // A second district's first street.
      await tx.execute(sql`insert into streets (code, name_zh, name_en, geom) values ('330399001000', '新区街道', 'New Street', ST_Multi(ST_MakeEnvelope(121.5, 27.5, 121.51, 27.51, 4326)))`);
      const after = await getCoverage(tx, SYSTEM_ACTOR, may);
      expect(after.summary.targets.registration).toMatchObject({ value: 0.7, district_code: LUCHENG });
      expect(after.summary.district).toEqual(before.summary.district);
      const reportAfter = await getMonthlyReport(tx, SYSTEM_ACTOR, { month: "2026-05", unit: "streets" }, new Date("2026-06-02T00:00:00+08:00"));
      expect(reportAfter.targets).toEqual(reportBefore.targets);
      expect(reportAfter.total).toEqual(reportBefore.total);
    });
  });

  it("a case's deadline follows its district's setting", async () => {
    await withRollback(database.db, async (tx) => {
      const streets = await city(tx);
      await setSetting(tx, SYSTEM_ACTOR, SettingInput.parse({ district_code: null, key: "case_days_complaint", value: 15, valid_from: "2026-01-01" }));
      await setSetting(tx, longwanAdmin, SettingInput.parse({ key: "case_days_complaint", value: 5, valid_from: "2026-01-01" }));
      expect(await statusOf(() => setSetting(tx, longwanAdmin, SettingInput.parse({ district_code: LUCHENG, key: "case_days_complaint", value: 9, valid_from: "2026-01-01" })))).toBe(404);

      // A complaint in each district, recorded by a street office at a point inside one of its cells.
      const due: Record<string, string> = {};
      for (const [district, street] of [[LUCHENG, streets.luchengStreet], [LONGWAN, streets.longwanStreet]] as const) {
        const at = (await queryOne<{ x: number; y: number }>(
          tx,
          sql`select ST_X(p) as x, ST_Y(p) as y from (select ST_PointOnSurface(geom) as p from grid_cells where code like ${street.slice(0, 9) + "%"} order by code limit 1) s`,
        ))!;
        const event = await createEvent(tx, actorWithRole("street_office", street), NewEvent.parse({ category: "complaint", occurred_at: "2026-06-01T10:00:00+08:00", geometry: { type: "Point", coordinates: [Number(at.x), Number(at.y)] } }));
        due[district] = event.due_on!;
      }
      expect(due[LONGWAN]).toBe(addWorkingDays("2026-06-01", 5));
      expect(due[LUCHENG]).toBe(addWorkingDays("2026-06-01", 15));

      const longwan = await listSettings(tx, longwanAdmin, { today: "2026-06-01" });
      expect(longwan.settings.find((s) => s.key === "case_days_complaint")!.current).toMatchObject({ value: 5, districtCode: LONGWAN });
      const lucheng = await listSettings(tx, SYSTEM_ACTOR, { district: LUCHENG, today: "2026-06-01" });
      expect(lucheng.settings.find((s) => s.key === "case_days_complaint")!.current).toMatchObject({ value: 15, districtCode: null });
    });
  });
});
