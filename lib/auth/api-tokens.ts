import { districtCodeParam, streetCodeParam } from "@/lib/auth/code-params";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { USER_ROLES, type UserRole } from "@/lib/vocabulary";
import { appendAudit } from "@/lib/audit/append-audit";
import { inTransaction, query, queryOne } from "@/lib/db/query";
import type { Db } from "@/lib/db/types";
import { NotFoundError } from "@/lib/http/errors";
import { scopeOf, type Actor } from "./actor";
import { authorize } from "./authorize";
import { accountInDistrictSql, districtForAccount } from "./district-scope";
import { digest, newSecret } from "./secrets";
import { assertStreetExists } from "./streets";

/** Tokens look like `ga_<id>_<secret>`: the id lets an admin recognise one in logs without the secret. */
const TOKEN_PATTERN = /^ga_(\d{1,9})_([A-Za-z0-9_-]{43})$/;

export const NewApiToken = z
  .object({
    name: z.string().trim().min(1, "give the token a name").max(100, "at most 100 characters"),
    // A grid worker signs in on its phone; tokens are for systems, which never work one person's cells.
    role: z.enum(USER_ROLES.filter((r) => r !== "grid_worker") as [UserRole, ...UserRole[]]),
    street_code: streetCodeParam.nullish(),
    district_code: districtCodeParam.nullish(),
  })
  .strict()
  .refine((t) => (t.role === "street_office") === !!t.street_code, {
    message: "a street_office token needs street_code; other roles must not have one",
    path: ["street_code"],
  });
export type NewApiToken = z.output<typeof NewApiToken>;

export interface ApiTokenInfo {
  id: number;
  name: string;
  role: UserRole;
  street_code: string | null;
  district_code: string | null;
  created_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
}

/** Create a token; the secret is returned once and only its digest is kept. */
export async function createApiToken(db: Db, actor: Actor, input: NewApiToken): Promise<ApiTokenInfo & { token: string }> {
  authorize(actor, "manage:users");
  return inTransaction(db, async (tx) => {
    if (input.street_code) await assertStreetExists(tx, input.street_code);
    const district = await districtForAccount(tx, actor, { role: input.role, street_code: input.street_code ?? null, district_code: input.district_code });
    // The id is part of the token, so it is drawn first; the secret itself never reaches the database.
    const next = await queryOne<{ id: number }>(tx, sql`select nextval(pg_get_serial_sequence('api_tokens', 'id'))::int as id`);
    const token = `ga_${next!.id}_${newSecret()}`;
    const row = await queryOne<ApiTokenInfo>(
      tx,
      sql`insert into api_tokens (id, name, token_hash, role, street_code, district_code, created_by)
          values (${next!.id}, ${input.name}, ${digest(token)}, ${input.role}, ${input.street_code ?? null}, ${district}, ${actor.userId})
          returning id, name, role, street_code, district_code, created_at::text, revoked_at::text, last_used_at::text`,
    );
    await appendAudit(tx, actor, { entity: "api_tokens", entityId: row!.id, action: "create", after: row });
    return { ...row!, token };
  });
}

export async function listApiTokens(db: Db, actor: Actor): Promise<ApiTokenInfo[]> {
  authorize(actor, "manage:users");
  return query<ApiTokenInfo>(
    db,
    sql`select id, name, role, street_code, district_code, created_at::text, revoked_at::text, last_used_at::text from api_tokens u
        where ${actor.districtCode ? accountInDistrictSql(actor.districtCode) : sql`true`} order by id`,
  );
}

export async function revokeApiToken(db: Db, actor: Actor, id: number): Promise<ApiTokenInfo> {
  authorize(actor, "manage:users");
  return inTransaction(db, async (tx) => {
    const row = await queryOne<ApiTokenInfo>(
      tx,
      sql`update api_tokens u set revoked_at = coalesce(revoked_at, now())
          where id = ${id} and ${actor.districtCode ? accountInDistrictSql(actor.districtCode) : sql`true`}
          returning id, name, role, street_code, district_code, created_at::text, revoked_at::text, last_used_at::text`,
    );
    if (!row) throw new NotFoundError(`no API token ${id}`);
    await appendAudit(tx, actor, { entity: "api_tokens", entityId: id, action: "revoke", after: row });
    return row;
  });
}

/** The actor behind a Bearer token, or null when it is malformed, unknown or revoked. */
export async function actorFromToken(db: Db, token: string): Promise<Actor | null> {
  const match = TOKEN_PATTERN.exec(token);
  if (!match) return null;
  const row = await queryOne<{ id: number; name: string; role: UserRole; street_code: string | null; district_code: string | null; stale: boolean }>(
    db,
    sql`select id, name, role, street_code, district_code, (last_used_at is null or last_used_at < now() - interval '1 minute') as stale
        from api_tokens where id = ${Number(match[1])} and token_hash = ${digest(token)} and revoked_at is null`,
  );
  // last_used_at to the minute: no write on every tile request.
  if (row?.stale) await db.execute(sql`update api_tokens set last_used_at = now() where id = ${row.id}`);
  if (!row) return null;
  return { kind: "token", userId: null, tokenId: row.id, role: row.role, ...scopeOf(row.role, row.street_code, row.district_code), label: `token:${row.id} ${row.name}` };
}
