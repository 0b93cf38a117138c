import { ForbiddenError, NotFoundError, UnauthorizedError } from "@/lib/http/errors";
import type { Actor } from "./actor";
import { ROLE_PERMISSIONS, type Permission } from "./permissions";

export function can(actor: Actor | null, permission: Permission): boolean {
  return actor !== null && ROLE_PERMISSIONS[actor.role]?.includes(permission) === true;
}

/**
 * Throw unless `actor` holds `permission`: no actor → 401, wrong role → 403. Unknown roles
 * hold nothing, so a failed or odd lookup denies (fail closed).
 */
export function authorize(actor: Actor | null, permission: Permission): asserts actor is Actor {
  if (!actor) throw new UnauthorizedError();
  // The reason, in both languages, is catalogued per permission (lib/i18n/server-messages.ts).
  if (!can(actor, permission)) throw new ForbiddenError("").as(`forbidden.${permission}`);
}

/**
 * The street a query must be limited to. A street office always gets its own street; asking
 * for another street is answered as if it did not exist (404), so scopes leak nothing.
 * District-wide roles get what they asked for (or undefined for everything).
 */
export function streetScope(actor: Actor, requested?: string): string | undefined {
  if (actor.role !== "street_office") return requested;
  if (!actor.streetCode) throw new ForbiddenError("this street-office account has no street");
  if (requested && requested !== actor.streetCode) throw new NotFoundError().as("street.not_found", { code: requested });
  return actor.streetCode;
}
