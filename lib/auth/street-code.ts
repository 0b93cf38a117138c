/**
 * What "inside this street" means, in one place: the district's codes are nested, so a street's
 * first 9 digits begin the codes of its communities (12 digits) and of their grid cells.
 * Plain functions with no database import, so client components can use them too; the SQL forms
 * are in `./in-street`.
 */

/** A street's 9-digit prefix, shared by its communities' and cells' codes (a 6-digit district code is its own). */
export function streetPrefix(street: string): string {
  return street.slice(0, 9);
}

/** Whether a community, grid-cell or street code lies inside `street`. */
export function codeInStreet(code: string, street: string): boolean {
  return code.startsWith(streetPrefix(street));
}

/** The street a community or grid-cell code lies in (its first 9 digits, then 000). */
export function streetOfCode(code: string): string {
  return `${streetPrefix(code)}000`;
}

/** The district (its 6-digit code) a district, street, community or grid-cell code lies in. */
export function districtOfCode(code: string): string {
  return code.slice(0, 6);
}

/** An area code (the `street` parameter): a district's 6 digits or a street's 12. */
export const AREA_CODE = /^\d{6}(\d{6})?$/;

/** Whether an area code (a `street` parameter) names a whole district rather than one street. */
export function isDistrictCode(code: string): boolean {
  return /^\d{6}$/.test(code);
}
