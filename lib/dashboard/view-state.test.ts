import { describe, expect, it } from "vitest";
import { analysisQuery, defaultViewState, parseViewState, shiftWeeks, viewStateQuery } from "./view-state";

const defaults = defaultViewState(new Date("2026-11-28T10:00:00Z"));

describe("dashboard view state in the URL", () => {
  it("round-trips through the query string and leaves defaults out", () => {
    const state = { ...defaults, overlay: "hotspots" as const, categories: ["stall_violation" as const], street: "330302006000" };
    const query = viewStateQuery(state, defaults);
    expect(query).toBe("categories=stall_violation&overlay=hotspots&street=330302006000");
    expect(parseViewState(Object.fromEntries(new URLSearchParams(query)), defaults)).toEqual(state);
    expect(viewStateQuery(defaults, defaults)).toBe("");
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
});
