import { describe, expect, it } from "vitest";
import { EVENT_STATUSES, type EventStatus } from "@/lib/vocabulary";
import { allowedTransitions, isRejection } from "./case-flow";

// The flow as the issue states it, written out by hand: [from, to, street office may, command may].
const EXPECTED: [EventStatus, EventStatus, boolean, boolean][] = [
  ["reported", "assigned", true, true],
  ["assigned", "in_progress", true, true],
  ["assigned", "resolved", true, true],
  ["in_progress", "resolved", true, true],
  ["resolved", "verified", false, true],
  ["resolved", "in_progress", false, true],
];

describe("the case flow", () => {
  it("allows exactly the listed moves, each to the right people", () => {
    for (const from of EVENT_STATUSES) {
      for (const to of EVENT_STATUSES) {
        const row = EXPECTED.find(([f, t]) => f === from && t === to);
        expect(allowedTransitions(from, false).includes(to), `${from} → ${to} (street office)`).toBe(row?.[2] ?? false);
        expect(allowedTransitions(from, true).includes(to), `${from} → ${to} (command)`).toBe(row?.[3] ?? false);
      }
    }
  });

  it("has no way out of verified and no way back to reported", () => {
    expect(allowedTransitions("verified", true)).toEqual([]);
    for (const from of EVENT_STATUSES) expect(allowedTransitions(from, true)).not.toContain("reported");
  });

  it("calls only resolved → in_progress a rejection", () => {
    expect(isRejection("resolved", "in_progress")).toBe(true);
    expect(isRejection("assigned", "in_progress")).toBe(false);
  });
});
