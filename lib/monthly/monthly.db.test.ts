import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CoverageParams, getCoverage } from "@/lib/analytics/get-coverage";
import { actorWithRole, SYSTEM_ACTOR } from "@/lib/auth/actor";
import { query, queryOne } from "@/lib/db/query";
import { openTestDatabase, withTestDistrict } from "@/lib/db/test-database";
import type { Database } from "@/lib/db/types";
import { HttpError } from "@/lib/http/errors";
import { closeEndedMonths } from "./close-ended-months";
import { freezeMonth } from "./freeze-month";
import { getMonthlyReport, MonthlyReportParams, reportEtag } from "./monthly-report";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

interface HistoryRow {
  building_id: number;
  street: string | null;
  status: string;
  letter: boolean;
  inspected: string | null;
  valid_from: string;
  valid_to: string | null;
}

/**
 * Reference: each street's registration and inspection tallies at an instant, evaluated here row
 * by row from the raw history (which period covers the instant), not by the code's SQL.
 */
function referenceAt(rows: HistoryRow[], at: Date, inspectionDays: number): Map<string, { registered: number; buildings: number; inspected: number }> {
  const byStreet = new Map<string, { registered: number; buildings: number; inspected: number }>();
  const t = at.getTime();
  for (const r of rows) {
    if (Date.parse(r.valid_from) > t || (r.valid_to !== null && Date.parse(r.valid_to) <= t)) continue;
    if (r.status === "deregistered" || r.street === null) continue;
    const s = byStreet.get(r.street) ?? { registered: 0, buildings: 0, inspected: 0 };
    s.buildings++;
    if (r.status === "registered") s.registered++;
    // Inspected on a China day that began within the window's last `inspectionDays` days.
    const day = r.inspected ? Date.parse(`${r.inspected}T00:00:00+08:00`) : NaN;
    if (day < t && day >= t - inspectionDays * 86_400_000) s.inspected++;
    byStreet.set(r.street, s);
  }
  return byStreet;
}

const HISTORY = sql`select h.building_id, left(g.code, 9) || '000' as street, h.registration_status::text as status,
  h.responsibility_letter_signed as letter, h.last_inspected_on::text as inspected,
  to_char(h.valid_from at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as valid_from,
  to_char(h.valid_to at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as valid_to
  from rental_building_history h left join grid_cells g on g.id = h.grid_cell_id`;

describe(`register history (${process.env.TEST_DB ?? "embedded"})`, () => {
  it("one period per change; two changes in one transaction make one; a delete closes it; a restore stands the triggers aside", async () => {
    await withTestDistrict(database.db, 33, async (tx) => {
      const building = (await queryOne<{ id: number }>(tx, sql`select id from rental_buildings where registration_status = 'registered' order by id limit 1`))!;
      const id = Number(building.id);
      const periods = () =>
        query<{ status: string; units: number; closed: boolean; from_now: boolean; zero: boolean }>(
          tx,
          sql`select registration_status::text as status, units, valid_to is not null as closed, valid_from = now() as from_now,
                     coalesce(valid_to = valid_from, false) as zero
              from rental_building_history where building_id = ${id} order by valid_from, id`,
        );
      const seeded = await periods();
      expect(seeded.filter((p) => !p.closed)).toHaveLength(1);

      await tx.execute(sql`update rental_buildings set address = address || '（东）' where id = ${id}`); // not a figure: no period
      expect(await periods()).toEqual(seeded);
      await tx.execute(sql`update rental_buildings set registration_status = 'unregistered' where id = ${id}`);
      await tx.execute(sql`update rental_buildings set units = units + 1 where id = ${id}`); // same transaction: same period
      const changed = await periods();
      expect(changed).toHaveLength(seeded.length + 1);
      expect(changed.at(-1)).toMatchObject({ status: "unregistered", units: seeded.at(-1)!.units + 1, closed: false, from_now: true });
      expect(changed.at(-2)).toMatchObject({ status: "registered", closed: true, zero: false });

      await tx.execute(sql`select set_config('grid_atlas.restoring', 'on', true)`);
      await tx.execute(sql`update rental_buildings set registration_status = 'deregistered' where id = ${id}`);
      expect(await periods()).toEqual(changed);
      await tx.execute(sql`select set_config('grid_atlas.restoring', 'off', true)`);

      await tx.execute(sql`delete from rental_buildings where id = ${id}`);
      const gone = await periods();
      expect(gone).toHaveLength(changed.length);
      expect(gone.every((p) => p.closed)).toBe(true);

      const added = await queryOne<{ id: number }>(
        tx,
        sql`insert into rental_buildings (code, address, geom, units) values ('T-HISTORY-1', '测试', ST_SetSRID(ST_MakePoint(120.66, 28.02), 4326), 3) returning id`,
      );
      const fresh = await query(tx, sql`select 1 from rental_building_history where building_id = ${Number(added!.id)} and valid_to is null`);
      expect(fresh).toHaveLength(1);
    });
  });
});

describe(`monthly figures (${process.env.TEST_DB ?? "embedded"})`, () => {
  it("freezes a month from what the register said then; today's changes leave it as it was; a rebuild equals it", async () => {
    await withTestDistrict(database.db, 31, async (tx) => {
      await freezeMonth(tx, SYSTEM_ACTOR, "2026-05");
      const params = MonthlyReportParams.parse({ month: "2026-05", unit: "streets" });
      const frozen = await getMonthlyReport(tx, SYSTEM_ACTOR, params);
      expect(frozen.frozen_at).not.toBeNull();
      expect(frozen.units.length).toBeGreaterThan(1);

      // The history says the register changed during the year: the month differs from today.
      const history = await query<HistoryRow>(tx, HISTORY);
      const reference = referenceAt(history, new Date("2026-06-01T00:00:00+08:00"), 30);
      const today = referenceAt(history, new Date(), 30);
      let differs = false;
      for (const unit of frozen.units) {
        const r = reference.get(unit.code)!;
        expect({ street: unit.code, ...pick(unit.metrics) }).toEqual({ street: unit.code, registered: r.registered, buildings: r.buildings, inspected: r.inspected });
        if (today.get(unit.code)!.registered !== r.registered) differs = true;
      }
      expect(differs).toBe(true);

      // Today's work: every building of the first street registered and inspected today.
      const street = frozen.units[0]!.code;
      await tx.execute(sql`update rental_buildings set registration_status = 'registered', last_inspected_on = current_date
                           where grid_cell_id in (select id from grid_cells where left(code, 9) = left(${street}, 9))`);
      const again = await getMonthlyReport(tx, SYSTEM_ACTOR, params);
      expect(again).toEqual(frozen);
      expect(reportEtag(again)).toBe(reportEtag(frozen));
      // A past window on the Coverage view reads the same frozen figures.
      const view = await getCoverage(tx, SYSTEM_ACTOR, CoverageParams.parse({ unit: "streets", month: "2026-05" }));
      expect(view.summary.frozen_at).toBe(frozen.frozen_at);
      expect(view.features.find((f) => f.id === street)!.properties.metrics.registration.numerator).toBe(reference.get(street)!.registered);

      // Rebuilt from the history, the month is the same (the change came after it).
      await freezeMonth(tx, SYSTEM_ACTOR, "2026-05", { rebuild: true });
      const rebuilt = await getMonthlyReport(tx, SYSTEM_ACTOR, params);
      expect({ ...rebuilt, frozen_at: null }).toEqual({ ...frozen, frozen_at: null });
      const audit = await queryOne<{ n: number }>(tx, sql`select count(*)::int as n from audit_log where entity = 'monthly_figures' and action = 'rebuild'`);
      expect(Number(audit!.n)).toBe(1);
    });
  });

  it("closes every ended month once, with the change from the month before; refuses a month not ended", async () => {
    await withTestDistrict(database.db, 32, async (tx) => {
      const now = new Date("2026-11-20T04:00:00Z");
      const written = await closeEndedMonths(tx, now);
      expect(written[0]).toBe("2025-11");
      expect(written.at(-1)).toBe("2026-10");
      expect(written).toHaveLength(12);
      expect(await closeEndedMonths(tx, now)).toEqual([]);

      const september = await getMonthlyReport(tx, SYSTEM_ACTOR, MonthlyReportParams.parse({ month: "2026-09" }), now);
      const october = await getMonthlyReport(tx, SYSTEM_ACTOR, MonthlyReportParams.parse({ month: "2026-10" }), now);
      const a = september.total.metrics.registration;
      const b = october.total.metrics.registration;
      expect(b.previous_rate).toBe(a.rate);
      expect(b.change).toBeCloseTo(b.rate! - a.rate!, 12);

      // A street office gets its own street only, whatever it asks for.
      const office = actorWithRole("street_office", september.units[0]!.street_code);
      const own = await getMonthlyReport(tx, office, MonthlyReportParams.parse({ month: "2026-10", unit: "communities" }), now);
      expect(own.street).toBe(office.streetCode);
      expect(own.units.every((u) => u.street_code === office.streetCode) && own.units.length > 0).toBe(true);
      await expect(getMonthlyReport(tx, office, MonthlyReportParams.parse({ month: "2026-10", street: september.units[1]!.street_code }), now)).rejects.toThrow(/no street/);

      const refusal = await freezeMonth(tx, SYSTEM_ACTOR, "2026-11", { now }).catch((e: unknown) => e);
      expect(refusal).toBeInstanceOf(HttpError);
      expect((refusal as HttpError).status).toBe(422);
      await expect(getMonthlyReport(tx, SYSTEM_ACTOR, MonthlyReportParams.parse({ month: "2024-01" }), now)).rejects.toThrow(/not frozen/);
    });
  });
});

function pick(metrics: { registration: { numerator: number; denominator: number }; inspection_recency: { numerator: number } }) {
  return { registered: metrics.registration.numerator, buildings: metrics.registration.denominator, inspected: metrics.inspection_recency.numerator };
}
