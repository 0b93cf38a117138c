import { sql } from "drizzle-orm";
import { queryOne } from "@/lib/db/query";
import type { Db } from "@/lib/db/types";

/**
 * Failed sign-ins allowed per window before further attempts get 429: per account, so one
 * password cannot be guessed at, and per address, so many accounts cannot be sprayed from one place.
 */
export const THROTTLE = { windowSeconds: 15 * 60, perAccount: 5, perAddress: 20 } as const;

export const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`;
export const addressKey = (address: string) => `address:${address}`;

/** Seconds until the next attempt is allowed for these keys, or 0 when it is allowed now. */
export async function retryAfterSeconds(db: Db, keys: { key: string; limit: number }[]): Promise<number> {
  let wait = 0;
  for (const { key, limit } of keys) {
    // The limit-th newest failure inside the window decides when the window frees up.
    const row = await queryOne<{ wait: number | null }>(
      db,
      sql`select ceil(extract(epoch from (at + make_interval(secs => ${THROTTLE.windowSeconds}) - now())))::int as wait
          from sign_in_failures where key = ${key} and at > now() - make_interval(secs => ${THROTTLE.windowSeconds})
          order by at desc offset ${limit - 1} limit 1`,
    );
    if (row?.wait && row.wait > wait) wait = row.wait;
  }
  return wait;
}

export async function recordFailure(db: Db, keys: string[]): Promise<void> {
  await db.execute(sql`delete from sign_in_failures where at < now() - make_interval(secs => ${THROTTLE.windowSeconds})`);
  for (const key of keys) await db.execute(sql`insert into sign_in_failures (key) values (${key})`);
}

export async function clearFailures(db: Db, key: string): Promise<void> {
  await db.execute(sql`delete from sign_in_failures where key = ${key}`);
}
