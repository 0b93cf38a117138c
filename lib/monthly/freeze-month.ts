import { sql } from "drizzle-orm";
import { appendAudit } from "@/lib/audit/append-audit";
import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/auth/authorize";
import { CoverageParams, FROZEN_PARAMETERS } from "@/lib/analytics/coverage-params";
import { coverageTallies, rollUp } from "@/lib/analytics/coverage-tallies";
import { inTransaction, queryOne } from "@/lib/db/query";
import type { Db } from "@/lib/db/types";
import { HttpError } from "@/lib/http/errors";
import { areaTargetsInForce } from "@/lib/targets/coverage-targets";
import { chinaMonth, monthBounds } from "@/lib/time/china-date";

export { FROZEN_PARAMETERS };

export interface FreezeResult {
  month: string;
  /** false when the month was already frozen and left as it was. */
  written: boolean;
  units: number;
}

/**
 * Freeze a month's coverage figures (China time): per grid cell, community, street and the
 * district, each metric's numerator and denominator over the month, from the register as it
 * stood at the month's end, with the targets in force on its last day (for every district, and each
 * district's own). Idempotent: a frozen month
 * is left alone unless `rebuild` is asked for (audited). A month that has not ended is refused.
 */
export async function freezeMonth(db: Db, actor: Actor, month: string, options: { rebuild?: boolean; now?: Date } = {}): Promise<FreezeResult> {
  authorize(actor, "setup:district");
  const now = options.now ?? new Date();
  const bounds = monthBounds(month);
  if (bounds.end.getTime() > now.getTime()) {
    throw new HttpError(422, "").as("month.not_ended", { month, current: chinaMonth(now) });
  }
  return inTransaction(db, async (t) => {
    // One freeze of a month at a time (the hourly job and a rebuild may meet).
    await t.execute(sql`select pg_advisory_xact_lock(hashtext(${`grid-atlas:freeze:${month}`}))`);
    const existing = await queryOne(t, sql`select 1 from monthly_freezes where month = ${bounds.firstDay}::date`);
    if (existing && !options.rebuild) return { month, written: false, units: 0 };
    if (existing) await t.execute(sql`delete from monthly_freezes where month = ${bounds.firstDay}::date`);

    const params = CoverageParams.parse({ from: bounds.start.toISOString(), to: bounds.end.toISOString(), ...FROZEN_PARAMETERS });
    const cells = await coverageTallies(t, params);
    // The set the whole system is judged by (a system of one district: that district's), and each
    // district's own where it had rows of its own in force (the others read the whole system's).
    const { whole: targets, byDistrict } = await areaTargetsInForce(t, bounds.lastDay, undefined, cells.map((c) => c.code));
    const districtTargets = Object.fromEntries(Object.entries(byDistrict).filter(([code, own]) => Object.values(own).some((target) => target.district_code === code)));
    const units = (["grid-cells", "communities", "streets"] as const).map((unit) => [unit, rollUp(cells, unit).units] as const);
    const district = new Map([["district", { street: "", tallies: rollUp(cells, "streets").total }]]);
    const rollups = Object.fromEntries([...units, ["district", district] as const]);
    await t.execute(
      sql`insert into monthly_freezes (month, frozen_by, targets, district_targets, parameters)
          values (${bounds.firstDay}::date, ${actor.label}, ${JSON.stringify(targets)}::jsonb, ${JSON.stringify(districtTargets)}::jsonb,
                  ${JSON.stringify(FROZEN_PARAMETERS)}::jsonb)`,
    );
    const rows = Object.entries(rollups).flatMap(([unit, entries]) => [...entries].map(([code, e]) => ({ unit, code, street_code: e.street, tallies: e.tallies })));
    await t.execute(
      sql`insert into monthly_figures (month, unit, code, street_code, tallies)
          select ${bounds.firstDay}::date, unit, code, street_code, tallies
          from json_to_recordset(${JSON.stringify(rows)}::json) as r(unit text, code text, street_code text, tallies jsonb)`,
    );
    if (options.rebuild) await appendAudit(t, actor, { entity: "monthly_figures", entityId: month, action: "rebuild", after: { units: rows.length } });
    return { month, written: true, units: rows.length };
  });
}
