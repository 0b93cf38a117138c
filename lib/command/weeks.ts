import { addDays, daysBetween } from "@/lib/time/china-date";

/**
 * Whole China weeks (Monday to Sunday) as dates, for supervised areas and alerts. A week is
 * "whole" once its Sunday has passed: on a Wednesday the last whole week is the one before.
 */

/** The Monday of the week holding a China date. */
export function mondayOf(date: string): string {
  const weekday = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return addDays(date, -weekday);
}

/** The first Monday on or after a date. */
export function mondayOnOrAfter(date: string): string {
  const monday = mondayOf(date);
  return monday === date ? date : addDays(monday, 7);
}

/** The Monday of the last whole week before `today`. */
export const lastWholeWeek = (today: string): string => addDays(mondayOf(today), -7);

/** Mondays of the whole weeks from the week starting on or after `from` to the last one ending before `today`. */
export function wholeWeeksBetween(from: string, today: string): string[] {
  const out: string[] = [];
  for (let monday = mondayOnOrAfter(from); addDays(monday, 7) <= today; monday = addDays(monday, 7)) out.push(monday);
  return out;
}

/**
 * Whole weeks that begin after a day and are whole by a deadline: a week is whole the day after
 * its Sunday, so a week ending on the deadline itself does not count (on that day it is not over).
 */
export function wholeWeeksUntil(from: string, deadline: string): number {
  const first = mondayOnOrAfter(addDays(from, 1));
  return Math.max(0, Math.floor(daysBetween(first, deadline) / 7));
}
