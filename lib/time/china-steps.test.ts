import { describe, expect, it } from "vitest";
import { stepContaining, stepDate, stepStarts, wholeWeekBounds } from "./china-steps";
import { chinaDateTime, lastDateBefore } from "./china-date";

// Expected dates read off a 2026 calendar: 2026-03-02, 03-09, 03-16, 03-23 and 03-30 are Mondays.
describe("China-time weeks and months", () => {
  it("puts an instant in its China week and month (midnight Beijing is 16:00 UTC)", () => {
    expect(stepDate(stepContaining(new Date("2026-03-08T15:59:59Z"), "week"))).toBe("2026-03-02"); // Sunday 23:59 Beijing
    expect(stepDate(stepContaining(new Date("2026-03-08T16:00:00Z"), "week"))).toBe("2026-03-09"); // Monday 00:00 Beijing
    expect(stepDate(stepContaining(new Date("2026-02-28T16:30:00Z"), "month"))).toBe("2026-03-01");
  });
  it("lists only whole steps inside a window", () => {
    const weeks = stepStarts(new Date("2026-03-04T10:00:00+08:00"), new Date("2026-03-30T00:00:00+08:00"), "week");
    expect(weeks.map(stepDate)).toEqual(["2026-03-09", "2026-03-16", "2026-03-23"]);
    const months = stepStarts(new Date("2026-01-01T00:00:00+08:00"), new Date("2026-03-31T00:00:00+08:00"), "month");
    expect(months.map(stepDate)).toEqual(["2026-01", "2026-02"].map((m) => `${m}-01`));
    expect(stepStarts(new Date("2026-03-04T00:00:00+08:00"), new Date("2026-03-10T00:00:00+08:00"), "week")).toEqual([]);
  });
  it("bounds the whole weeks of a window, open ends as null", () => {
    expect(wholeWeekBounds(new Date("2026-03-04T10:00:00+08:00"), new Date("2026-03-23T00:00:00+08:00"))).toEqual({ first: "2026-03-09", end: "2026-03-23" });
    expect(wholeWeekBounds(new Date("2026-03-09T00:00:00+08:00"), null)).toEqual({ first: "2026-03-09", end: null });
    expect(wholeWeekBounds(new Date("2026-03-09T00:00:01+08:00"), new Date("2026-03-25T12:00:00+08:00"))).toEqual({ first: "2026-03-16", end: "2026-03-23" });
    expect(wholeWeekBounds(null, new Date("2026-03-25T12:00:00+08:00"))).toEqual({ first: null, end: "2026-03-23" });
    expect(wholeWeekBounds(new Date("2026-03-04T00:00:00+08:00"), new Date("2026-03-10T00:00:00+08:00"))).toEqual({});
  });
  it("names the closing day of a window and a wall-clock time", () => {
    expect(lastDateBefore(new Date("2026-06-15T00:00:00+08:00"))).toBe("2026-06-14");
    expect(lastDateBefore(new Date("2026-06-15T00:00:01+08:00"))).toBe("2026-06-15");
    expect(chinaDateTime(new Date("2026-06-14T16:05:00Z"))).toBe("2026-06-15 00:05");
  });
});
