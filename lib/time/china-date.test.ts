import { describe, expect, it } from "vitest";
import { addDays, addMonths, chinaDate, chinaMonth, daysBetween, monthBounds } from "./china-date";

describe("China calendar dates", () => {
  it("turns the date at 16:00 UTC, midnight in Beijing", () => {
    expect(chinaDate(new Date("2026-10-31T15:59:59Z"))).toBe("2026-10-31");
    expect(chinaDate(new Date("2026-10-31T16:00:00Z"))).toBe("2026-11-01");
    expect(chinaMonth(new Date("2026-12-31T16:00:00Z"))).toBe("2027-01");
  });
  it("steps months across years and bounds them in China time", () => {
    expect(addMonths("2026-01", -1)).toBe("2025-12");
    expect(addMonths("2026-11", 2)).toBe("2027-01");
    expect(addMonths("2026-03", -14)).toBe("2025-01");
    const feb = monthBounds("2028-02");
    expect(feb.lastDay).toBe("2028-02-29");
    expect(feb.start.toISOString()).toBe("2028-01-31T16:00:00.000Z");
    expect(feb.end.toISOString()).toBe("2028-02-29T16:00:00.000Z");
  });
  it("counts calendar days", () => {
    expect(addDays("2026-11-15", 30)).toBe("2026-12-15");
    expect(daysBetween("2026-02-27", "2026-03-01")).toBe(2);
  });
});
