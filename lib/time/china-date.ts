/**
 * Calendar dates and months as the district lives them: China Standard Time (UTC+8, no daylight
 * saving since 1991). A "date" here is a YYYY-MM-DD string, a "month" is YYYY-MM.
 */
/** UTC+8: an instant plus this, read as UTC, is the wall clock in China. */
export const CHINA_OFFSET_MS = 8 * 3_600_000;

/** The date in China at an instant. */
export function chinaDate(at: Date = new Date()): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** The last China date before an instant: the closing day of a window ending at `to` (exclusive). */
export function lastDateBefore(to: Date): string {
  return chinaDate(new Date(to.getTime() - 1));
}

/** An instant as China wall-clock text, "YYYY-MM-DD HH:MM". */
export function chinaDateTime(at: Date): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 16).replace("T", " ");
}

/** The instant a China date begins (00:00 +08:00). */
export function chinaMidnight(date: string): Date {
  return new Date(`${date}T00:00:00+08:00`);
}

/** A date plus a number of calendar days. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The month (YYYY-MM) in China at an instant. */
export function chinaMonth(at: Date = new Date()): string {
  return chinaDate(at).slice(0, 7);
}

/** A month plus a number of months (negative goes back). */
export function addMonths(month: string, months: number): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const index = y * 12 + (m - 1) + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/** A month's first day and the instants it starts and ends (the next month's start), China time. */
export function monthBounds(month: string): { firstDay: string; lastDay: string; start: Date; end: Date } {
  const firstDay = `${month}-01`;
  const nextFirst = `${addMonths(month, 1)}-01`;
  return { firstDay, lastDay: addDays(nextFirst, -1), start: chinaMidnight(firstDay), end: chinaMidnight(nextFirst) };
}

/** Whole calendar days from one date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** YYYY-MM from 1900 on. */
export const MONTH_PATTERN = /^(19|20)\d{2}-(0[1-9]|1[0-2])$/;
