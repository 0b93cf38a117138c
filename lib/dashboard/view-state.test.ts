import { describe, expect, it } from "vitest";
import { activePreset, analysisQuery, defaultViewState, lastDay, parseViewState, presetWindow, shiftWeeks, viewStateQuery, windowDays } from "./view-state";

const defaults = defaultViewState(new Date("2026-11-28T10:00:00Z"));

describe("dashboard view state in the URL", () => {
  it("round-trips through the query string and leaves defaults out", () => {
    const state = { ...defaults, overlay: "hotspots" as const, categories: ["stall_violation" as const], street: "330302006000" };
    const query = viewStateQuery(state, defaults);
    expect(query).toBe("categories=stall_violation&overlay=hotspots&street=330302006000");
    expect(parseViewState(Object.fromEntries(new URLSearchParams(query)), defaults)).toEqual(state);
    expect(viewStateQuery(defaults, defaults)).toBe("");
    // A district chosen in the district picker (6 digits) is kept too; 9 digits are nothing.
    expect(parseViewState({ street: "330303" }, defaults).street).toBe("330303");
    expect(parseViewState({ street: "330303006" }, defaults).street).toBe(null);
  });

  it("falls back to defaults for values it does not understand", () => {
    const parsed = parseViewState({ overlay: "lasers", from: "2026-13-40", categories: "ufo", street: "12", layers: "events,nope" }, defaults);
    expect(parsed).toEqual({ ...defaults, layers: ["events"] });
    expect(parseViewState({ density: "kde" }, defaults).density).toBe("kde");
    expect(parseViewState({ density: "h3-12" }, defaults).density).toBe("cells");
    expect(parseViewState({ from: "2026-05-01", to: "2026-04-01" }, defaults).from).toBe(defaults.from);
  });

  it("moves the window by weeks and builds analysis parameters in China time", () => {
    const next = shiftWeeks(defaults, 1);
    expect(Date.parse(next.from) - Date.parse(defaults.from)).toBe(7 * 86_400_000);
    expect(analysisQuery({ ...defaults, categories: ["complaint"] })).toContain("categories=complaint");
    expect(analysisQuery(defaults)).toContain(`from=${defaults.from}T00%3A00%3A00%2B08%3A00`);
  });

  it("ends the default window with today in China, also after 16:00 UTC", () => {
    // 17:00 UTC on 28 November is 01:00 on the 29th in Beijing: the window runs to the end of the 29th.
    expect(defaultViewState(new Date("2026-11-28T17:00:00Z"))).toMatchObject({ from: "2026-08-31", to: "2026-11-30" });
    expect(defaultViewState(new Date("2026-11-28T15:00:00Z"))).toMatchObject({ to: "2026-11-29" });
  });

  it("shows a window by the days it includes: the last one is the day before its end", () => {
    expect(lastDay({ to: "2026-12-01" })).toBe("2026-11-30");
    expect(lastDay({ to: "2028-03-01" })).toBe("2028-02-29");
    expect(windowDays({ from: "2026-11-01", to: "2026-12-01" })).toBe("2026-11-01 – 2026-11-30");
    expect(windowDays({ from: "2026-12-03", to: "2026-12-04" })).toBe("2026-12-03");
  });

  it("names the windows people ask for: this week, this month, last month, the last 90 days", () => {
    // 2026-11-30 is a Monday; 2026-03-01 a Sunday (its week began on 23 February).
    expect(presetWindow("thisWeek", "2026-11-30")).toEqual({ from: "2026-11-30", to: "2026-12-01" });
    expect(presetWindow("thisWeek", "2026-03-01")).toEqual({ from: "2026-02-23", to: "2026-03-02" });
    expect(presetWindow("thisMonth", "2026-11-30")).toEqual({ from: "2026-11-01", to: "2026-12-01" });
    expect(presetWindow("lastMonth", "2026-01-15")).toEqual({ from: "2025-12-01", to: "2026-01-01" });
    expect(presetWindow("last90Days", "2026-11-30")).toEqual({ from: "2026-09-02", to: "2026-12-01" });
    expect(activePreset({ from: "2025-12-01", to: "2026-01-01" }, "2026-01-15")).toBe("lastMonth");
    expect(activePreset({ from: "2025-12-02", to: "2026-01-01" }, "2026-01-15")).toBeNull();
  });
});
