import type { Locale } from "./messages";

/**
 * A place's name for a narrow table column. English names lose the word "Community",
 * "Subdistrict"… (the column header says it), so a cell's number is not cut off and rows that
 * differ only in it stay distinguishable ("Fengquan 010", not "Fengquan Commu…").
 */
export function compactPlaceName(name: string, locale: Locale): string {
  return locale === "en" ? name.replace(/\s+(Community|Village|Subdistrict|Town|Street)\b/g, "") : name;
}
