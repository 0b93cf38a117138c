import type { Db } from "@/lib/db/types";
import { UnauthorizedError } from "@/lib/http/errors";
import type { Actor } from "./actor";
import { actorFromToken } from "./api-tokens";
import { actorFromSession, SESSION_COOKIE } from "./sessions";

/** The value of one cookie from a Cookie header (no library: the grammar is simple and fixed). */
export function readCookie(header: string | null, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

export function bearerToken(request: Request): string | null {
  const header = request.headers.get("authorization");
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!match) throw new UnauthorizedError("the Authorization header must be 'Bearer <token>'");
  return match[1]!;
}

/**
 * Who sent this request: a Bearer token if one is given (a bad token is refused outright, never
 * treated as "fall back to the cookie"), else the session cookie, else nobody. Any failure
 * to look this up propagates, so a broken check denies rather than allows.
 */
export async function actorFromRequest(db: Db, request: Request): Promise<Actor | null> {
  const token = bearerToken(request);
  if (token !== null) {
    const actor = await actorFromToken(db, token);
    if (!actor) throw new UnauthorizedError("this API token is unknown or revoked");
    return actor;
  }
  const secret = readCookie(request.headers.get("cookie"), SESSION_COOKIE);
  return secret ? actorFromSession(db, secret) : null;
}
