import { sql } from "drizzle-orm";
import type { UserRole } from "@/lib/vocabulary";
import { appendAudit } from "@/lib/audit/append-audit";
import { queryOne } from "@/lib/db/query";
import type { Db } from "@/lib/db/types";
import { TooManyRequestsError, UnauthorizedError } from "@/lib/http/errors";
import { scopeOf, type Actor } from "./actor";
import { verifyPassword } from "./passwords";
import { createSession, endSession } from "./sessions";
import { accountKey, addressKey, clearFailures, recordFailure, retryAfterSeconds, THROTTLE } from "./throttle";

/**
 * Check an e-mail and password and open a session. Wrong credentials → 401 with one message for
 * every cause (unknown e-mail, wrong password, disabled), too many recent failures → 429.
 * Every outcome is audited.
 */
export async function signIn(db: Db, input: { email: string; password: string; address: string }): Promise<{ secret: string; expiresAt: Date; actor: Actor }> {
  const email = input.email.trim().toLowerCase();
  const keys = [accountKey(email), addressKey(input.address)];
  const wait = await retryAfterSeconds(db, [
    { key: keys[0]!, limit: THROTTLE.perAccount },
    { key: keys[1]!, limit: THROTTLE.perAddress },
  ]);
  if (wait > 0) {
    await appendAudit(db, null, { entity: "sessions", action: "sign_in_throttled", after: { email, address: input.address } });
    throw new TooManyRequestsError(`too many failed sign-ins; try again in ${Math.ceil(wait / 60)} min`, wait);
  }
  const user = await queryOne<{ id: number; email: string; role: UserRole; street_code: string | null; district_code: string | null; password_hash: string | null; disabled: boolean }>(
    db,
    sql`select id, email, role, street_code, district_code, password_hash, disabled from users where lower(email) = ${email}`,
  );
  const ok = await verifyPassword(user?.password_hash, input.password);
  if (!user || !ok || user.disabled) {
    await recordFailure(db, keys);
    await appendAudit(db, null, {
      entity: "sessions",
      action: "sign_in_failed",
      after: { email, address: input.address, reason: !user ? "unknown account" : !ok ? "wrong password" : "account disabled" },
    });
    throw new UnauthorizedError("wrong e-mail or password");
  }
  await clearFailures(db, keys[0]!);
  const actor: Actor = { kind: "user", userId: user.id, tokenId: null, role: user.role, ...scopeOf(user.role, user.street_code, user.district_code), label: user.email };
  const session = await createSession(db, user.id);
  await appendAudit(db, actor, { entity: "sessions", entityId: user.id, action: "sign_in", after: { address: input.address } });
  return { ...session, actor };
}

export async function signOut(db: Db, secret: string, actor: Actor | null): Promise<void> {
  await endSession(db, secret);
  if (actor) await appendAudit(db, actor, { entity: "sessions", entityId: actor.userId, action: "sign_out" });
}
