import { sql } from "drizzle-orm";
import { query, queryOne } from "@/lib/db/query";
import type { Db } from "@/lib/db/types";
import type { UserRole } from "@/lib/vocabulary";
import { scopeOf, type Actor } from "./actor";
import { digest, newSecret } from "./secrets";

export const SESSION_COOKIE = "ga_session";
export const SESSION_HOURS = 12;

/** Start a session for a user; returns the secret for the cookie (never stored as such). */
export async function createSession(db: Db, userId: number): Promise<{ secret: string; expiresAt: Date }> {
  const secret = newSecret();
  const expiresAt = new Date(Date.now() + SESSION_HOURS * 3_600_000);
  // Expired sessions are pruned here rather than by a scheduler.
  await db.execute(sql`delete from sessions where expires_at < now()`);
  await db.execute(sql`insert into sessions (token_hash, user_id, expires_at) values (${digest(secret)}, ${userId}, ${expiresAt.toISOString()}::timestamptz)`);
  return { secret, expiresAt };
}

/** The user behind a session cookie, or null when it is unknown, expired or the user is disabled. */
export async function actorFromSession(db: Db, secret: string): Promise<Actor | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(secret)) return null;
  const row = await queryOne<{ id: number; email: string; role: UserRole; street_code: string | null; district_code: string | null }>(
    db,
    sql`select u.id, u.email, u.role, u.street_code, u.district_code from sessions s join users u on u.id = s.user_id
        where s.token_hash = ${digest(secret)} and s.expires_at > now() and not u.disabled`,
  );
  if (!row) return null;
  return { kind: "user", userId: row.id, tokenId: null, role: row.role, ...scopeOf(row.role, row.street_code, row.district_code), label: row.email };
}

export async function endSession(db: Db, secret: string): Promise<void> {
  await db.execute(sql`delete from sessions where token_hash = ${digest(secret)}`);
}

/** Sign a user out everywhere (when disabled or their role changes). */
export async function endUserSessions(db: Db, userId: number): Promise<number> {
  const rows = await query<{ n: number }>(db, sql`with d as (delete from sessions where user_id = ${userId} returning 1) select count(*)::int as n from d`);
  return rows[0]?.n ?? 0;
}
