import { describe, expect, it } from "vitest";
import { addWorkingDays, isWorkingDay, workingDaysBetween } from "./working-days";

// From the State Council's 2026 holiday notice: Spring Festival off 15–23 February, with Saturday
// 14 and Saturday 28 February worked; National Day off 1–7 October, Saturday 10 October worked.
describe("working days on the Chinese calendar", () => {
  it("knows holidays and the Saturdays worked in their place", () => {
    expect(["2026-02-13", "2026-02-14", "2026-02-15", "2026-02-23", "2026-02-24", "2026-02-28", "2026-03-01"].map(isWorkingDay)).toEqual([
      true, true, false, false, true, true, false,
    ]);
  });

  it("counts a deadline across the Spring Festival and a make-up Saturday", () => {
    expect(addWorkingDays("2026-02-13", 1)).toBe("2026-02-14"); // the Saturday worked
    expect(addWorkingDays("2026-02-13", 2)).toBe("2026-02-24"); // then nine days off
    expect(addWorkingDays("2026-09-30", 3)).toBe("2026-10-10"); // 8th, 9th, then Saturday 10th
    expect(addWorkingDays("2026-09-30", 4)).toBe("2026-10-12");
    // "Within 20 working days" of Friday 6 February 2026: 9–13 (5), 14 Sat (6), 24–27 (10), 28 Sat (11), 2–6 March (16), 9–12 March (20).
    expect(addWorkingDays("2026-02-06", 20)).toBe("2026-03-12");
    expect(workingDaysBetween("2026-02-06", "2026-03-12")).toBe(20);
    expect(addWorkingDays("2026-02-06", 0)).toBe("2026-02-06");
    expect(() => addWorkingDays("2026-02-06", -1)).toThrow(/whole number/);
  });
});
