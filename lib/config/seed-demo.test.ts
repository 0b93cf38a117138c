import { describe, expect, it } from "vitest";
import { demoWanted } from "./seed-demo";

describe("SEED_DEMO", () => {
  it("defaults to the demo on the embedded database and to nothing on a real one", () => {
    expect(demoWanted("embedded", undefined)).toBe(true);
    expect(demoWanted("postgres", undefined)).toBe(false);
    expect(demoWanted("postgres", "")).toBe(false);
  });
  it("does what it is told either way, and refuses anything else", () => {
    expect(demoWanted("postgres", "1")).toBe(true);
    expect(demoWanted("embedded", "0")).toBe(false);
    expect(() => demoWanted("postgres", "yes")).toThrow(/SEED_DEMO must be 0 or 1/);
  });
});
