import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CoverageParams, getCoverage } from "@/lib/analytics/get-coverage";
import { actorWithRole, SYSTEM_ACTOR } from "@/lib/auth/actor";
import { openTestDatabase, withTestDistrict } from "@/lib/db/test-database";
import type { Database } from "@/lib/db/types";
import { lastDateBefore } from "@/lib/time/china-date";
import { listTargets, setTarget, TargetInput, targetsInForce } from "./coverage-targets";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

const admin = actorWithRole("admin");

describe("coverage targets with history", () => {
  it("a target changed today leaves last month's assessment as it was", async () => {
    await withTestDistrict(database.db, 4, async (tx) => {
      const lastMonth = CoverageParams.parse({ from: "2026-05-01T00:00:00+08:00", to: "2026-06-01T00:00:00+08:00" });
      const before = await getCoverage(tx, SYSTEM_ACTOR, lastMonth);
      expect(before.summary.targets.registration).toMatchObject({ value: 0.95, valid_from: "2013-01-01", fallback: false });
      const rates = before.features.map((f) => f.properties.metrics.registration.rate).filter((r): r is number => r !== null);
      // Independent count: cells whose rate is under 95 % and under 99 % (the new target).
      const under = (target: number) => rates.filter((r) => r < target - 1e-12).length;
      expect(before.summary.units_below_target.registration).toBe(under(0.95));
      expect(under(0.8)).toBeLessThan(under(0.95)); // the change would show if it leaked back

      await setTarget(tx, admin, TargetInput.parse({ metric: "registration", value: 0.8, valid_from: "2026-06-15", source_title: "区网格办 2026 年工作要点", source_number: "鹿网〔2026〕3号" }));
      const after = await getCoverage(tx, SYSTEM_ACTOR, lastMonth);
      expect(after.summary.targets.registration.value).toBe(0.95);
      expect(after.summary.units_below_target.registration).toBe(before.summary.units_below_target.registration);

      const now = await getCoverage(tx, SYSTEM_ACTOR, CoverageParams.parse({ from: "2026-06-01T00:00:00+08:00", to: "2026-07-01T00:00:00+08:00" }));
      expect(now.summary.targets.registration).toMatchObject({ value: 0.8, valid_from: "2026-06-15", source: { title: "区网格办 2026 年工作要点", number: "鹿网〔2026〕3号" } });
      expect(now.summary.units_below_target.registration).toBe(
        now.features.filter((f) => f.properties.metrics.registration.rate !== null && f.properties.metrics.registration.rate < 0.8 - 1e-12).length,
      );

      // The day a period ends decides: a period ending the day before the change keeps 95 %.
      expect((await targetsInForce(tx, "2026-06-14", "330302")).registration.value).toBe(0.95);
      expect((await targetsInForce(tx, "2026-06-15", "330302")).registration.value).toBe(0.8);
      expect(lastDateBefore(new Date("2026-06-15T00:00:00+08:00"))).toBe("2026-06-14");

      // A system of one district: its admin's targets are that district's, and listed as such.
      const listed = await listTargets(tx, actorWithRole("commander"), { today: "2026-06-20" });
      expect(listed.district).toBe("330302");
      const registration = listed.targets.find((l) => l.metric === "registration")!;
      expect(registration.current.value).toBe(0.8);
      expect(registration.history.map((h) => h.valid_from)).toEqual(["2026-06-15", "2013-01-01"]);
    });
  });

  it("refuses a target without a source, a percentage for a share, and anyone but an admin", async () => {
    await withTestDistrict(database.db, 4, async (tx) => {
      expect(TargetInput.safeParse({ metric: "patrol", value: 0.9, valid_from: "2026-07-01" }).error?.issues[0]?.message).toMatch(/name the document .* or mark it as the district's own choice/);
      expect(TargetInput.safeParse({ metric: "patrol", value: 95, valid_from: "2026-07-01", own_choice: true }).error?.issues[0]?.message).toMatch(/share between 0 and 1/);
      expect(TargetInput.safeParse({ metric: "happiness", value: 0.5, valid_from: "2026-07-01", own_choice: true }).error?.issues[0]?.message).toMatch(/metric is one of/);
      await expect(setTarget(tx, actorWithRole("planner"), TargetInput.parse({ metric: "patrol", value: 0.9, valid_from: "2026-07-01", own_choice: true }))).rejects.toThrow(/only admins/);
    });
  });
});
