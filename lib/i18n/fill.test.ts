import { describe, expect, it } from "vitest";
import { fill } from "./fill";

describe("fill", () => {
  it("puts values into their placeholders and leaves unknown ones empty", () => {
    expect(fill("已逾期 {n} 天", { n: 6 })).toBe("已逾期 6 天");
    expect(fill("{a}/{b}/{a}", { a: "x", b: 2 })).toBe("x/2/x");
    expect(fill("{missing}!", {})).toBe("!");
  });
});
