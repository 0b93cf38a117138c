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
  /** For the audit log: an e-mail, `token:<id> <name>` or `system`. */
  label: string;
}

/** Scripts, migrations, seeding and the CLI: district-wide, acting as an admin would. */
export const SYSTEM_ACTOR: Actor = { kind: "system", userId: null, tokenId: null, role: "admin", streetCode: null, label: "system" };

/** A stand-in actor for tests and scripts that need a particular role. */
export function actorWithRole(role: UserRole, streetCode: string | null = null): Actor {
  return { kind: "system", userId: null, tokenId: null, role, streetCode: isStreetRole(role) ? streetCode : null, label: `system:${role}` };
}
