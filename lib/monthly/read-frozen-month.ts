import { sql } from "drizzle-orm";
import { jsonColumn, query, queryOne } from "@/lib/db/query";
import type { Db } from "@/lib/db/types";
import type { AreaTargets, Targets } from "@/lib/targets/coverage-targets";
import { add, emptyTallies, type Tallies } from "@/lib/analytics/tallies";
import { codeInStreetSql } from "@/lib/auth/in-street";
import { districtOfCode } from "@/lib/auth/street-code";
import { NotFoundError } from "@/lib/http/errors";

export type FrozenUnit = "grid-cells" | "communities" | "streets";

/**
 * The targets a frozen month judged `district` against: the district's own set, kept when it had
 * rows of its own in force (monthly_freezes.district_targets), else `targets` — the set the whole
 * system was judged by when the month was frozen (district null: that set, whatever districts the
 * system has gained since, so a frozen month reads the same for good).
 */
export function frozenTargetsOf(freeze: { targets: unknown; district_targets: unknown }, district: string | null): Targets {
  const own = district ? (jsonColumn(freeze.district_targets) as Record<string, Targets> | null)?.[district] : undefined;
  return own ?? (jsonColumn(freeze.targets) as Targets);
}

export interface FrozenMonth {
  month: string;
  frozenAt: string;
  /** The area's targets (`whole`), and for the whole system each district's own that had them. */
  targets: AreaTargets;
  /** Each unit's tallies and street, by code. */
  units: Map<string, { tallies: Tallies; street: string }>;
  /** The whole system's tallies, or the street's (or district's) when one is asked for. */
  district: Tallies;
}

/**
 * A frozen month's figures for one kind of unit (null when the month is not frozen), for the whole
 * system, one street, or one district (`street` a 6-digit code, from `areaScope`): a district's
 * total is the sum of its streets' frozen tallies.
 */
export async function readFrozenMonth(db: Db, month: string, unit: FrozenUnit, street?: string): Promise<FrozenMonth | null> {
  const districtArea = street !== undefined && street.length === 6;
  const freeze = await queryOne<{ frozen_at: string; targets: unknown; district_targets: unknown }>(
    db,
    sql`select to_char(frozen_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as frozen_at, targets, district_targets
        from monthly_freezes where month = ${`${month}-01`}::date`,
  );
  if (!freeze) return null;
  const rows = await query<{ unit: string; code: string; street_code: string; tallies: unknown }>(
    db,
    sql`select unit, code, street_code, tallies from monthly_figures
        where month = ${`${month}-01`}::date and unit in (${unit}, ${street ? "streets" : "district"})
          ${street ? sql`and ${codeInStreetSql(sql`street_code`, street)}` : sql``}
        order by code`,
  );
  const units = new Map<string, { tallies: Tallies; street: string }>();
  let district: Tallies | null = null;
  for (const r of rows) {
    const tallies = jsonColumn(r.tallies) as Tallies;
    if (r.unit === unit) units.set(r.code, { tallies, street: r.street_code });
    if (districtArea && r.unit === "streets") add((district ??= emptyTallies()), tallies);
    else if (street ? r.unit === "streets" && r.code === street : r.unit === "district") district = tallies;
  }
  if (!district) {
    // A street with no cells that month has no row: nothing to count, unless there is no such street.
    const known = street ? await queryOne(db, sql`select 1 from streets where ${codeInStreetSql(sql`code`, street)}`) : true;
    if (!known) throw new NotFoundError().as("street.not_found", { code: street! });
    district = emptyTallies();
  }
  const targets: AreaTargets = street
    ? { whole: frozenTargetsOf(freeze, districtOfCode(street)), byDistrict: {} }
    : { whole: frozenTargetsOf(freeze, null), byDistrict: (jsonColumn(freeze.district_targets) as Record<string, Targets> | null) ?? {} };
  return { month, frozenAt: freeze.frozen_at, targets, units, district };
}
