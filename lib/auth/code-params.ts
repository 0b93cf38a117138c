import { z } from "zod";
import { AREA_CODE } from "./street-code";

/**
 * The query and body fields that name an area by its administrative code, in one place. The
 * messages are catalogued (lib/i18n/server-catalogue/access.ts) so a Chinese reader sees them too.
 */

/** A street (街道/镇): its 12-digit code. */
export const streetCodeParam = z.string().regex(/^\d{12}$/, "a street is its 12-digit code");

/** A district (区/县): its 6-digit code. */
export const districtCodeParam = z.string().regex(/^\d{6}$/, "a district is its 6-digit code");

/**
 * The area an analysis, list or report is limited to, still called `street` in the API: a
 * street's 12-digit code or, for accounts that see several districts, a district's 6-digit code
 * (both are prefixes of the codes inside them; `areaScope` keeps each account to its own area).
 */
export const areaCodeParam = z.string().regex(AREA_CODE, "street: a street's 12-digit code, or a district's 6-digit code");
