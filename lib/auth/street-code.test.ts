import { describe, expect, it } from "vitest";
import { codeInStreet, streetPrefix } from "./street-code";

describe("inside a street", () => {
  it("is the street's first 9 digits, for communities, cells and the street itself", () => {
    expect(streetPrefix("330302006000")).toBe("330302006");
    expect(codeInStreet("330302006011", "330302006000")).toBe(true); // a community
    expect(codeInStreet("330302006011007", "330302006000")).toBe(true); // a grid cell
    expect(codeInStreet("330302006000", "330302006000")).toBe(true);
    expect(codeInStreet("330302007011", "330302006000")).toBe(false); // the next street
    expect(codeInStreet("330302", "330302006000")).toBe(false); // the district
  });
});
