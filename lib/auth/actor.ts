import { isStreetRole, type UserRole } from "@/lib/vocabulary";

/**
 * Who is asking. Every verb takes one and checks it (lib/auth/authorize.ts): authorization lives
 * in the data layer, so no route, server action or header trick can skip it.
 */
export interface Actor {
  kind: "user" | "token" | "system";
  /** users.id for a user; null for tokens and the system. */
  userId: number | null;
  /** api_tokens.id for a token. */
  tokenId: number | null;
  role: UserRole;
  /** The one street a street office or grid worker belongs to; null for district-wide roles. */
  streetCode: string | null;
  /**
   * The one district (6-digit code) the actor is limited to: a district-scoped account's, or the
   * district of a street account's street; null for a city-level account (the whole system).
   */
  districtCode: string | null;
  /** For the audit log: an e-mail, `token:<id> <name>` or `system`. */
  label: string;
}

/** Scripts, migrations, seeding and the CLI: district-wide, acting as an admin would. */
export const SYSTEM_ACTOR: Actor = { kind: "system", userId: null, tokenId: null, role: "admin", streetCode: null, districtCode: null, label: "system" };

/**
 * The scope columns of an account or token as the actor's two fields: a street account's district
 * is its street's first 6 digits; a district-wide one's is its own district_code (null: the city).
 */
export function scopeOf(role: UserRole, streetCode: string | null, districtCode: string | null): Pick<Actor, "streetCode" | "districtCode"> {
  if (isStreetRole(role)) return { streetCode, districtCode: streetCode ? streetCode.slice(0, 6) : null };
  return { streetCode: null, districtCode };
}

/** A stand-in actor for tests and scripts that need a particular role. */
export function actorWithRole(role: UserRole, streetCode: string | null = null, districtCode: string | null = null): Actor {
  return { kind: "system", userId: null, tokenId: null, role, ...scopeOf(role, streetCode, districtCode), label: `system:${role}` };
}
