import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Actor } from "@/lib/auth/actor";
import { jsonColumn, query } from "@/lib/db/query";
import type { Db } from "@/lib/db/types";
import { BadRequestError, HttpError } from "./errors";

/**
 * Idempotent writes (one table, idempotency_keys, serves every endpoint that takes the header).
 * A phone that lost its signal replays its queue: the same key from the same account returns the
 * first result and changes nothing again. The key is claimed inside the write's own transaction,
 * so a write that fails leaves no key behind, and a concurrent replay waits for the first to
 * commit and then reads its result.
 */
export interface IdempotencyKey {
  owner: string;
  key: string;
  /** What was asked (method, path, body digest): the same key for another request is refused. */
  request: string;
}

const KEY_PATTERN = /^[\w.:-]{8,128}$/;

/** The Idempotency-Key of a request, if it sent one; a malformed key is refused. */
export function idempotencyKeyOf(request: Request, actor: Actor, body: unknown): IdempotencyKey | null {
  const key = request.headers.get("idempotency-key");
  if (key === null) return null;
  if (!KEY_PATTERN.test(key)) throw new BadRequestError("").as("idempotency.malformed");
  const digest = createHash("sha256").update(JSON.stringify(body ?? null)).digest("hex");
  const path = new URL(request.url).pathname;
  return { owner: ownerOf(actor), key, request: `${request.method} ${path} ${digest}` };
}

const ownerOf = (actor: Actor) => (actor.userId !== null ? `user:${actor.userId}` : actor.tokenId !== null ? `token:${actor.tokenId}` : actor.label);

/**
 * Run `write` once per key: inside `tx`, claim the key, or return the result stored under it.
 * `write`'s result must be JSON.
 */
export async function once<T>(tx: Db, key: IdempotencyKey | null, write: () => Promise<T>): Promise<{ result: T; replayed: boolean }> {
  if (!key) return { result: await write(), replayed: false };
  const claimed = await query(
    tx,
    sql`insert into idempotency_keys (owner, key, request, status, body) values (${key.owner}, ${key.key}, ${key.request}, 0, 'null'::jsonb)
        on conflict do nothing returning key`,
  );
  if (claimed.length === 0) {
    const [first] = await query<{ request: string; body: unknown }>(
      tx,
      sql`select request, body from idempotency_keys where owner = ${key.owner} and key = ${key.key}`,
    );
    if (!first || first.request !== key.request) {
      throw new HttpError(422, "").as("idempotency.reused");
    }
    return { result: jsonColumn(first.body as T), replayed: true };
  }
  const result = await write();
  await tx.execute(sql`update idempotency_keys set status = 200, body = ${JSON.stringify(result)}::jsonb where owner = ${key.owner} and key = ${key.key}`);
  return { result, replayed: false };
}
