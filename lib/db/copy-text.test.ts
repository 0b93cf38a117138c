import { describe, expect, it } from "vitest";
import { copyLineBatches, decodeCopyLine, encodeCopyField } from "./copy-text";

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
  });

  it("reads lines from pieces cut anywhere, in batches", () => {
    const text = "1\t中文\n2\tb\n3\t❤\n";
    const bytes = new TextEncoder().encode(text);
    // Cut after every byte: lines and multi-byte characters span pieces.
    const pieces = [...bytes].map((byte) => new Uint8Array([byte]));
    expect([...copyLineBatches(pieces, 2)]).toEqual([["1\t中文", "2\tb"], ["3\t❤"]]);
    expect([...copyLineBatches([bytes], 10)]).toEqual([["1\t中文", "2\tb", "3\t❤"]]);
    expect([...copyLineBatches([], 10)]).toEqual([]);
    expect([...copyLineBatches([new Uint8Array(0)], 10)]).toEqual([]);
    // A row cut short (no newline at the end) is still a row, so a damaged table fails on it.
    expect([...copyLineBatches([new TextEncoder().encode("1\ta\n2\t")], 10)]).toEqual([["1\ta", "2\t"]]);
  });
});
