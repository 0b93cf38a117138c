import { sql } from "drizzle-orm";
import { districtCodeParam } from "@/lib/auth/code-params";
import type { Actor } from "@/lib/auth/actor";
import { assertDistrictExists } from "@/lib/auth/district-scope";
import { districtOfCode } from "@/lib/auth/street-code";
import { query } from "@/lib/db/query";
import type { Db } from "@/lib/db/types";
import { ForbiddenError, NotFoundError } from "@/lib/http/errors";
import { isStreetRole } from "@/lib/vocabulary";

/**
 * Targets and settings are kept per district (issue #20): a row with a district code applies to
 * that district, a row without one (null) to every district that has no row of its own in force.
 * These functions say which district's rows a reading or a change concerns.
 */

/**
 * The district whose targets and settings apply to an area (a street or district code, as
 * `areaScope` returns it): the area's own district; with no area (the whole system), the one
 * district the data holds if it holds only one, else null — the rows for every district.
 */
export async function districtOfArea(db: Db, area: string | undefined): Promise<string | null> {
  if (area) return districtOfCode(area);
  const rows = await query<{ code: string }>(db, sql`select distinct left(code, 6) as code from streets limit 2`);
  return rows.length === 1 ? rows[0]!.code : null;
}

/**
 * The district whose rows `actor` reads or records: an account limited to a district (and a street
 * account, whose district is its street's) always its own — another district is answered as if it
 * did not exist (404), asking for every district's rows is refused (403) on a change and answered
 * with its own on a reading. A city-level account gets what it asks for: null, the rows for every
 * district; nothing, as for the whole system (`districtOfArea`: the only district of a system of
 * one, so its admin's targets are its district's). A named district must be one the data holds (400).
 */
export async function settingsDistrict(db: Db, actor: Actor, requested: string | null | undefined, change: boolean): Promise<string | null> {
  const own = actor.districtCode;
  // A street account's district is its street's; one without a street reaches nothing.
  if (isStreetRole(actor.role) && !own) throw new ForbiddenError("this street-office account has no street");
  if (own) {
    if (requested && requested !== own) throw new NotFoundError().as("district.unknown_code", { code: requested });
    if (requested === null && change) throw new ForbiddenError("").as("district.other", { own });
    return own;
  }
  if (requested === undefined) return districtOfArea(db, undefined);
  if (requested === null) return null;
  await assertDistrictExists(db, requested);
  return requested;
}

/** The `district` query parameter of /api/targets and /api/settings: a 6-digit code, or left out. */
export const DistrictQuery = districtCodeParam.optional();
