/**
 * Whole weeks (Monday to Sunday) and months in China time, the steps of every series and of the
 * per-cell weekly counts. A step start is returned as a Date at 00:00 "UTC" of its China date
 * (the UTC+8 wall clock handled as UTC), so `.toISOString().slice(0, 10)` is its date.
 */
import { CHINA_OFFSET_MS } from "./china-date";

export type StepLength = "week" | "month";

/** The start of the week (Monday) or month that holds instant `t` in China time. */
export function stepContaining(t: Date, step: StepLength): Date {
  const aligned = new Date(t.getTime() + CHINA_OFFSET_MS);
  aligned.setUTCHours(0, 0, 0, 0);
  if (step === "week") aligned.setUTCDate(aligned.getUTCDate() - ((aligned.getUTCDay() + 6) % 7));
  else aligned.setUTCDate(1);
  return aligned;
}

/** The step after the one starting at `d`. */
export function nextStep(d: Date, step: StepLength): Date {
  const next = new Date(d);
  if (step === "week") next.setUTCDate(next.getUTCDate() + 7);
  else next.setUTCMonth(next.getUTCMonth() + 1);
  return next;
}

/**
 * Start of each whole week or month inside [from, to). Partial steps at either end are left out:
 * a half-week would look like a drop in activity and bias the trend.
 */
export function stepStarts(from: Date, to: Date, step: StepLength): Date[] {
  const start = new Date(from.getTime() + CHINA_OFFSET_MS);
  const aligned = stepContaining(from, step);
  let current = aligned < start ? nextStep(aligned, step) : aligned;
  const end = to.getTime() + CHINA_OFFSET_MS;
  const out: Date[] = [];
  while (nextStep(current, step).getTime() <= end) {
    out.push(current);
    current = nextStep(current, step);
  }
  return out;
}

/** A step start's China date, YYYY-MM-DD. */
export const stepDate = (d: Date): string => d.toISOString().slice(0, 10);

/**
 * The Mondays bounding the whole weeks inside [from, to): `first` is the first whole week's
 * Monday, `end` the Monday after the last; null for an open end; both undefined when no whole
 * week fits.
 */
export function wholeWeekBounds(from: Date | null, to: Date | null): { first?: string | null; end?: string | null } {
  // The first Monday at or after `from`: the week holding `from`, or the next one if it began before.
  const first = from ? (() => {
    const week = stepContaining(from, "week");
    return week.getTime() < from.getTime() + CHINA_OFFSET_MS ? nextStep(week, "week") : week;
  })() : null;
  const end = to ? stepContaining(new Date(to.getTime()), "week") : null;
  if (first && end && first >= end) return {};
  return { first: first && stepDate(first), end: end && stepDate(end) };
}
