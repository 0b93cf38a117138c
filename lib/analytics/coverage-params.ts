import { z } from "zod";
import { BadRequestError } from "@/lib/http/errors";
import { MONTH_PATTERN, monthBounds } from "@/lib/time/china-date";
import { analysisParams } from "./params";

/** What a coverage measurement is asked for: the analysis window and unit, and its own look-backs. */
export const CoverageParams = analysisParams({
  patrol_days: z.coerce.number().int().min(1).max(366).default(30),
  inspection_days: z.coerce.number().int().min(1).max(366).default(30),
  guidance_metres: z.coerce.number().min(10).max(5000).default(500),
  /** A calendar month (China time): its window; a month that has ended is read from its frozen figures. */
  month: z.string().regex(MONTH_PATTERN, "month: use YYYY-MM, e.g. 2026-10").optional(),
});
export type CoverageParams = z.output<typeof CoverageParams>;

/** The parameters monthly figures are frozen with: the Coverage view's defaults. */
export const FROZEN_PARAMETERS = { patrol_days: 30, inspection_days: 30, guidance_metres: 500 } as const;
export const FROZEN_KEYS = Object.keys(FROZEN_PARAMETERS) as (keyof typeof FROZEN_PARAMETERS)[];

/** A calendar month's window: from its first day to the next month's, China time. */
export function monthWindow(month: string): { from: Date; to: Date } {
  const { start, end } = monthBounds(month);
  // The current month runs up to now; a future month has nothing to show.
  const now = new Date();
  if (start.getTime() > now.getTime()) throw new BadRequestError("").as("month.not_begun", { month });
  return { from: start, to: end.getTime() > now.getTime() ? now : end };
}
