import { sql } from "drizzle-orm";
import { queryOne } from "@/lib/db/query";
import type { Db } from "@/lib/db/types";
import { BadRequestError, ForbiddenError, NotFoundError } from "@/lib/http/errors";
import { isStreetRole, type UserRole } from "@/lib/vocabulary";
import type { Actor } from "./actor";
import { codeInStreet } from "./street-code";

/**
 * Districts as a scope (issue #20). A district's 6-digit code begins every street, community and
 * cell code inside it, so a district is a code prefix just as a street is (see `./street-code`):
 * the filters that keep a street office in its street keep a district account in its district.
 */

/**
 * The district an account or token that `actor` creates or changes will have, checked. A street
 * account's district is its street's (it must not name one, and the street must lie in the
 * maker's district); a district-wide account gets the district asked for, or the maker's own —
 * an account limited to a district can only make accounts of that district, never city-level ones.
 * `district_code` undefined: not given (the maker's own); null: asked for the whole city.
 */
export async function districtForAccount(
  db: Db,
  actor: Actor,
  account: { role: UserRole; street_code: string | null; district_code: string | null | undefined },
): Promise<string | null> {
  if (isStreetRole(account.role)) {
    if (account.district_code) throw new BadRequestError("").as("district.street_rule");
    const street = account.street_code;
    if (street && actor.districtCode && !codeInStreet(street, actor.districtCode)) throw new NotFoundError().as("street.not_found", { code: street });
    return null;
  }
  const district = account.district_code === undefined ? actor.districtCode : account.district_code;
  if (actor.districtCode && district !== actor.districtCode) throw new ForbiddenError("").as("district.other", { own: actor.districtCode });
  if (district) await assertDistrictExists(db, district);
  return district;
}

/** A district scope must name a district the system holds: a row in `districts`, or streets under its code. */
export async function assertDistrictExists(db: Db, code: string): Promise<void> {
  const row = await queryOne(db, sql`select 1 where exists (select 1 from districts where code = ${code}) or exists (select 1 from streets where code like ${code + "%"})`);
  if (!row) throw new BadRequestError("").as("district.unknown_code", { code });
}

/** SQL: an account row (aliased `u`, with street_code and district_code) lies inside `district`. */
export function accountInDistrictSql(district: string) {
  return sql`(u.district_code = ${district} or u.street_code like ${district + "%"})`;
}
