import { describe, expect, it } from "vitest";
import { copyLines, decodeCopyLine, encodeCopyField } from "./copy-text";

describe("COPY text format", () => {
  it("round-trips awkward values", () => {
    const values = ["plain", "a\\b", "tab\there", "cr\rlf\n", "\\N", "", "中文 ❤", "\b\f\v", null];
    const line = values.map(encodeCopyField).join("\t");
    expect(line).not.toContain("\n");
    expect(decodeCopyLine(line)).toEqual(values);
  });

  it("reads what PostgreSQL writes, including octal and hex escapes", () => {
    // As printed by COPY TO for ('a\tb', NULL, 'x\\y', '{"k": 1}'), plus escapes COPY FROM accepts.
    expect(decodeCopyLine("a\\tb\t\\N\tx\\\\y\t{\"k\": 1}\t\\101\\x42")).toEqual(["a\tb", null, "x\\y", '{"k": 1}', "AB"]);
    expect(copyLines(new TextEncoder().encode("1\ta\n2\tb\n"))).toEqual(["1\ta", "2\tb"]);
    expect(copyLines(new Uint8Array(0))).toEqual([]);
  });
});
