import { randomInt, timingSafeEqual } from "node:crypto";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { appendAudit } from "@/lib/audit/append-audit";
import { inTransaction, queryOne } from "@/lib/db/query";
import type { Db } from "@/lib/db/types";
import { HttpError, UnauthorizedError } from "@/lib/http/errors";
import { NewUser } from "@/lib/users/user-input";
import type { Actor } from "./actor";
import { hashPassword } from "./passwords";
import { digest } from "./secrets";
import { createSession } from "./sessions";

/**
 * The first administrator of an empty installation. While no enabled admin exists, each start
 * issues a one-time set-up code, printed in the server's log (so only whoever runs the server can
 * read it) and stored as a digest; the first-run page trades it for the first admin account.
 * Someone who merely reaches the page first cannot claim the system.
 */
const META_KEY = "first_run_code";
// No 0/O or 1/I/L: the code is read off a terminal and typed in by hand.
const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
// 31^12 ≈ 2^59 possibilities: not guessable over HTTP, so wrong codes are not throttled — a
// throttle would let anyone who reaches the page lock the real installer out.
const CODE_LENGTH = 12;

export async function adminExists(db: Db): Promise<boolean> {
  return !!(await queryOne(db, sql`select 1 from users where role = 'admin' and not disabled limit 1`));
}

/**
 * A new set-up code when no admin exists (replacing any earlier one), or null — and the old code
 * forgotten — when one does.
 */
export async function issueFirstRunCode(db: Db): Promise<string | null> {
  if (await adminExists(db)) {
    await db.execute(sql`delete from dataset_meta where key = ${META_KEY}`);
    return null;
  }
  const raw = Array.from({ length: CODE_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
  await db.execute(
    sql`insert into dataset_meta (key, value) values (${META_KEY}, ${JSON.stringify({ digest: digest(raw), issued_at: new Date().toISOString() })}::jsonb)
        on conflict (key) do update set value = excluded.value`,
  );
  return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8)}`;
}

/**
 * How people type a code: any case, with or without dashes or spaces, full-width letters from a
 * Chinese input method (ＡＢＣＤ－…) included.
 */
const normalise = (code: string) => code.normalize("NFKC").toUpperCase().replace(/[^0-9A-Z]/g, "");

async function codeMatches(db: Db, code: string): Promise<boolean> {
  const stored = await queryOne<{ digest: string }>(db, sql`select value->>'digest' as digest from dataset_meta where key = ${META_KEY}`);
  return !!stored?.digest && timingSafeEqual(Buffer.from(stored.digest, "hex"), Buffer.from(digest(normalise(code)), "hex"));
}

export const FirstRunInput = z
  .object({
    code: z.string().trim().min(1, "give the set-up code printed in the server's log").max(40),
    email: z.string(),
    display_name: z.string(),
    password: z.string(),
  })
  .strict()
  .transform((input, context) => {
    const user = NewUser.safeParse({ email: input.email, display_name: input.display_name, password: input.password, role: "admin" });
    if (!user.success) {
      for (const issue of user.error.issues) context.addIssue({ code: "custom", message: issue.message, path: issue.path });
      return z.NEVER;
    }
    return { code: input.code, user: user.data };
  });
export type FirstRunInput = z.output<typeof FirstRunInput>;

/**
 * Create the first admin with the set-up code and sign them in. 409 once any admin exists,
 * 401 for a wrong code. The password is hashed only for the right code (hashing is the costly part).
 */
export async function completeFirstRun(db: Db, input: FirstRunInput, address: string): Promise<{ secret: string; expiresAt: Date; actor: Actor }> {
  if (await adminExists(db)) throw new HttpError(409, "an administrator exists already: sign in, or ask them for an account");
  if (!(await codeMatches(db, input.code))) throw new UnauthorizedError("wrong set-up code: use the one the server printed at its last start");
  const passwordHash = await hashPassword(input.user.password);
  const outcome = await inTransaction(db, async (t) => {
    // One first admin: two people submitting at once are served one after the other.
    await t.execute(sql`lock table users in share row exclusive mode`);
    if (await adminExists(t)) return { kind: "taken" as const };
    // Checked again under the lock: another start may have issued a new code meanwhile.
    if (!(await codeMatches(t, input.code))) return { kind: "wrong" as const };
    const user = await queryOne<{ id: number; email: string }>(
      t,
      sql`insert into users (email, display_name, role, password_hash)
          values (${input.user.email}, ${input.user.display_name}, 'admin', ${passwordHash})
          on conflict (email) do update set role = 'admin', street_code = null, district_code = null, display_name = excluded.display_name, password_hash = excluded.password_hash, disabled = false
          returning id, email`,
    );
    await t.execute(sql`delete from dataset_meta where key = ${META_KEY}`);
    const actor: Actor = { kind: "user", userId: user!.id, tokenId: null, role: "admin", streetCode: null, districtCode: null, label: user!.email };
    await appendAudit(t, actor, { entity: "users", entityId: user!.id, action: "first_admin", after: { email: user!.email, address } });
    return { kind: "created" as const, actor };
  });
  if (outcome.kind === "taken") throw new HttpError(409, "an administrator exists already: sign in, or ask them for an account");
  if (outcome.kind === "wrong") throw new UnauthorizedError("wrong set-up code: use the one the server printed at its last start");
  const session = await createSession(db, outcome.actor.userId!);
  return { ...session, actor: outcome.actor };
}
