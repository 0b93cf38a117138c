import chineseDays from "chinese-days";
import { addDays } from "./china-date";

// The package is CommonJS without named exports for Node's ESM loader (tsx, the seed): take the default.
const { isWorkday } = chineseDays;

/**
 * Working days on the Chinese official calendar: weekends and public holidays off, make-up
 * working days (调休, e.g. a Saturday before the Spring Festival) on. The calendar is the
 * maintained `chinese-days` package, updated each year when the State Council publishes the next
 * year's holidays; for a year it does not know yet, only weekends are off. Dates are China dates
 * (YYYY-MM-DD). Deadlines such as "answer within 20 working days" (20个工作日内反馈) are
 * computed here.
 */

/** Whether a China date is a working day. */
export function isWorkingDay(date: string): boolean {
  return isWorkday(date);
}

/** The date `n` working days after `date` (n ≥ 0; 0 gives `date` itself). */
export function addWorkingDays(date: string, n: number): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number ≥ 0, got ${n}`);
  let day = date;
  for (let left = n; left > 0; ) {
    day = addDays(day, 1);
    if (isWorkingDay(day)) left--;
  }
  return day;
}

/** Working days after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workingDaysBetween(from: string, to: string): number {
  let count = 0;
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) if (isWorkingDay(day)) count++;
  return count;
}
