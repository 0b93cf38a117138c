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
    // Opened Tuesday 5 March: weeks of 11, 18, 25 March and 1 April fit by Sunday 7 April, not by Saturday the 6th.
    expect(wholeWeeksUntil("2030-03-05", "2030-04-07")).toBe(4);
    expect(wholeWeeksUntil("2030-03-05", "2030-04-06")).toBe(3);
    expect(wholeWeeksUntil("2030-03-10", "2030-03-17")).toBe(1);
  });
});
