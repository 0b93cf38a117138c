import type { Actor } from "@/lib/auth/actor";
import { authorize, areaScope } from "@/lib/auth/authorize";

/**
 * The prelude of every analysis: the actor must hold read:analytics, and a street office's
 * analysis covers its own street only, whatever it asked for (another street answers 404).
 * Returns the parameters with `street` set to the scope the query must keep to.
 */
export function scopeAnalysis<P extends { street?: string | undefined }>(actor: Actor | null, input: P): P & { street: string | undefined } {
  authorize(actor, "read:analytics");
  return { ...input, street: areaScope(actor, input.street) };
}
