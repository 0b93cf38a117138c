import { ForbiddenError, NotFoundError, UnauthorizedError } from "@/lib/http/errors";
import { isStreetRole } from "@/lib/vocabulary";
import type { Actor } from "./actor";
import { ROLE_PERMISSIONS, type Permission } from "./permissions";

export function can(actor: Actor | null, permission: Permission): boolean {
  return actor !== null && ROLE_PERMISSIONS[actor.role]?.includes(permission) === true;
}

/**
 * Throw unless `actor` holds `permission`: no actor → 401, wrong role → 403. Unknown roles
 * hold nothing, so a failed or odd lookup denies (fail closed).
 */
/** Throw unless `actor` holds at least one of `permissions` (the first one names the refusal). */
export function authorizeAny(actor: Actor | null, ...permissions: [Permission, ...Permission[]]): asserts actor is Actor {
  if (permissions.some((p) => can(actor, p))) return;
  authorize(actor, permissions[0]);
}

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
  if (!isStreetRole(actor.role)) return requested;
  if (!actor.streetCode) throw new ForbiddenError("this street-office account has no street");
  if (requested && requested !== actor.streetCode) throw new NotFoundError().as("street.not_found", { code: requested });
  return actor.streetCode;
}
