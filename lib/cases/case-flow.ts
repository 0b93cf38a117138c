import type { EventStatus } from "@/lib/vocabulary";

/**
 * The case flow, one table: reported → assigned → in_progress → resolved → verified, and a
 * resolved case the command centre does not accept goes back to in_progress (rejected).
 * `command` moves are the command centre's (manage:cases); `any` moves may also be made by the
 * street office whose street the case is in.
 */
export const CASE_FLOW: Record<EventStatus, readonly { to: EventStatus; by: "any" | "command" }[]> = {
  reported: [{ to: "assigned", by: "any" }],
  assigned: [
    { to: "in_progress", by: "any" },
    { to: "resolved", by: "any" },
  ],
  in_progress: [{ to: "resolved", by: "any" }],
  resolved: [
    { to: "verified", by: "command" },
    { to: "in_progress", by: "command" },
  ],
  verified: [],
};

/** Where a case in `from` may go, for someone who may (or may not) make the command centre's moves. */
export function allowedTransitions(from: EventStatus, mayCommand: boolean): EventStatus[] {
  return CASE_FLOW[from].filter((move) => mayCommand || move.by === "any").map((move) => move.to);
}

/** A resolved case sent back is a rejection: it needs a reason. */
export const isRejection = (from: EventStatus, to: EventStatus) => from === "resolved" && to === "in_progress";

/** Statuses in which a case is still someone's to answer (it can be overdue). */
export const OPEN_CASE_STATUSES: readonly EventStatus[] = ["reported", "assigned", "in_progress"];
