import { ForbiddenError, NotFoundError, UnauthorizedError } from "@/lib/http/errors";
import type { Actor } from "./actor";
import { ROLE_PERMISSIONS, type Permission } from "./permissions";

const REASONS: Record<Permission, string> = {
  "read:register": "your role may not read the register",
  "read:plans": "your role may not read zones and guidance points",
  "read:context": "your role may not read base layers",
  "read:analytics": "your role may not run analyses",
  "edit:register": "only a street office may change grid cells, rental buildings and events",
  "edit:plans": "only planners may change no-stall zones and guidance points",
  import: "only planners may import data",
  "setup:district": "only admins may set the district up (its boundary, streets, communities and grid cells)",
  "manage:users": "only admins may manage users and API tokens",
  "read:audit": "only admins may read the audit log",
};

export function can(actor: Actor | null, permission: Permission): boolean {
  return actor !== null && ROLE_PERMISSIONS[actor.role]?.includes(permission) === true;
}

/**
 * Throw unless `actor` holds `permission`: no actor → 401, wrong role → 403. Unknown roles
 * hold nothing, so a failed or odd lookup denies (fail closed).
 */
export function authorize(actor: Actor | null, permission: Permission): asserts actor is Actor {
  if (!actor) throw new UnauthorizedError();
  if (!can(actor, permission)) throw new ForbiddenError(REASONS[permission]);
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

/** A street's 9-digit prefix, shared by its communities' and cells' codes. */
export function streetPrefix(street: string): string {
  return street.slice(0, 9);
}
