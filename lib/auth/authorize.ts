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
 * The area a query must be limited to, as a code whose digits begin every code inside it (the
 * filters in `./in-street` compare prefixes): a street office always gets its own street (12
 * digits); a district account gets the street it asked for inside its district, or else its
 * district (6 digits); a city-level account gets what it asked for (or undefined: everything).
 * Asking for a street outside one's area is answered as if it did not exist (404), so scopes
 * leak nothing.
 */
export function areaScope(actor: Actor, requested?: string): string | undefined {
  if (!isStreetRole(actor.role)) {
    if (!actor.districtCode) return requested;
    if (requested && !requested.startsWith(actor.districtCode)) throw new NotFoundError().as("street.not_found", { code: requested });
    return requested ?? actor.districtCode;
  }
  if (!actor.streetCode) throw new ForbiddenError("this street-office account has no street");
  if (requested && requested !== actor.streetCode) throw new NotFoundError().as("street.not_found", { code: requested });
  return actor.streetCode;
}
