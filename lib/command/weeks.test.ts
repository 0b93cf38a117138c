import { describe, expect, it } from "vitest";
import { lastWholeWeek, mondayOf, mondayOnOrAfter, wholeWeeksBetween, wholeWeeksUntil } from "./weeks";

// Dates read off a calendar: 2030-03-04 is a Monday, 2030-03-10 a Sunday.
describe("whole China weeks", () => {
  it("finds Mondays", () => {
    expect(mondayOf("2030-03-10")).toBe("2030-03-04");
    expect(mondayOf("2030-03-04")).toBe("2030-03-04");
    expect(mondayOnOrAfter("2030-03-05")).toBe("2030-03-11");
    expect(mondayOnOrAfter("2030-03-04")).toBe("2030-03-04");
  });

  it("counts a week as whole once its Sunday has passed", () => {
    expect(lastWholeWeek("2030-03-13")).toBe("2030-03-04");
    expect(lastWholeWeek("2030-03-11")).toBe("2030-03-04");
    expect(wholeWeeksBetween("2030-03-04", "2030-03-17")).toEqual(["2030-03-04"]);
    // On Sunday 24 March the week of the 18th is not over yet; on Monday the 25th it is.
    expect(wholeWeeksBetween("2030-03-05", "2030-03-24")).toEqual(["2030-03-11"]);
    expect(wholeWeeksBetween("2030-03-05", "2030-03-25")).toEqual(["2030-03-11", "2030-03-18"]);
    expect(wholeWeeksBetween("2030-03-04", "2030-03-04")).toEqual([]);
  });

  it("counts the whole weeks left before a deadline", () => {
    // Opened Tuesday 5 March: the weeks of 11, 18, 25 March and 1 April are all over on Monday
    // 8 April; on Sunday the 7th the last of them is not.
    expect(wholeWeeksUntil("2030-03-05", "2030-04-08")).toBe(4);
    expect(wholeWeeksUntil("2030-03-05", "2030-04-07")).toBe(3);
    expect(wholeWeeksUntil("2030-03-10", "2030-03-18")).toBe(1);
    expect(wholeWeeksUntil("2030-03-10", "2030-03-17")).toBe(0);
  });
});
