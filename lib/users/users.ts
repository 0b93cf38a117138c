import { sql } from "drizzle-orm";
import { isStreetRole, type UserRole } from "@/lib/vocabulary";
import { appendAudit } from "@/lib/audit/append-audit";
import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/auth/authorize";
import { accountInDistrictSql, districtForAccount } from "@/lib/auth/district-scope";
import { hashPassword } from "@/lib/auth/passwords";
import { endUserSessions } from "@/lib/auth/sessions";
import { assertStreetExists } from "@/lib/auth/streets";
import { inTransaction, query, queryOne } from "@/lib/db/query";
import type { Db } from "@/lib/db/types";
import { HttpError, NotFoundError } from "@/lib/http/errors";
import type { NewUser, UserChange } from "./user-input";

/** An account as admins see it: never the password hash. */
export interface UserInfo {
  id: number;
  email: string;
  display_name: string;
  role: UserRole;
  street_code: string | null;
  /** A district-wide account limited to one district; null for street accounts and city-level ones. */
  district_code: string | null;
  disabled: boolean;
  created_at: string;
}

const COLUMNS = sql`id, email, display_name, role, street_code, district_code, disabled, created_at::text`;

/** The accounts an admin manages: a district's admin, those of its district only. */
const managedBy = (actor: Actor) => (actor.districtCode ? accountInDistrictSql(actor.districtCode) : sql`true`);

export async function listUsers(db: Db, actor: Actor): Promise<UserInfo[]> {
  authorize(actor, "manage:users");
  return query<UserInfo>(db, sql`select ${COLUMNS} from users u where ${managedBy(actor)} order by id`);
}

export async function createUser(db: Db, actor: Actor, input: NewUser): Promise<UserInfo> {
  authorize(actor, "manage:users");
  const passwordHash = await hashPassword(input.password);
  return inTransaction(db, async (tx) => {
    if (input.street_code) await assertStreetExists(tx, input.street_code);
    const district = await districtForAccount(tx, actor, { role: input.role, street_code: input.street_code ?? null, district_code: input.district_code });
    const taken = await queryOne(tx, sql`select 1 from users where lower(email) = ${input.email}`);
    if (taken) throw new HttpError(409, `email: an account for ${input.email} exists already`);
    const user = await queryOne<UserInfo>(
      tx,
      sql`insert into users (email, display_name, role, street_code, district_code, password_hash)
          values (${input.email}, ${input.display_name}, ${input.role}, ${input.street_code ?? null}, ${district}, ${passwordHash})
          returning ${COLUMNS}`,
    );
    await appendAudit(tx, actor, { entity: "users", entityId: user!.id, action: "create", after: user });
    return user!;
  });
}

/** Change an account. Disabling it, or changing its role or street, also ends its sessions. */
export async function updateUser(db: Db, actor: Actor, id: number, change: UserChange): Promise<UserInfo> {
  authorize(actor, "manage:users");
  const passwordHash = change.password ? await hashPassword(change.password) : null;
  return inTransaction(db, async (tx) => {
    const before = await queryOne<UserInfo>(tx, sql`select ${COLUMNS} from users u where id = ${id} and ${managedBy(actor)} for update`);
    if (!before) throw new NotFoundError(`no user ${id}`);
    if (actor.userId === id && (change.disabled === true || (change.role && change.role !== "admin"))) {
      throw new HttpError(409, "you cannot disable yourself or give up your own admin role");
    }
    const role = change.role ?? before.role;
    const street = change.role !== undefined ? (change.street_code ?? null) : change.street_code !== undefined ? change.street_code : before.street_code;
    if (isStreetRole(role) !== !!street) throw new HttpError(400, "street_code: a street office or grid worker needs a street; other roles must not have one");
    if (street) await assertStreetExists(tx, street);
    const askedDistrict = change.district_code !== undefined ? change.district_code : isStreetRole(role) ? null : before.district_code;
    const district = await districtForAccount(tx, actor, { role, street_code: street, district_code: askedDistrict });
    const after = await queryOne<UserInfo>(
      tx,
      sql`update users set display_name = ${change.display_name ?? before.display_name}, role = ${role}, street_code = ${street}, district_code = ${district},
            disabled = ${change.disabled ?? before.disabled}, password_hash = coalesce(${passwordHash}, password_hash)
          where id = ${id} returning ${COLUMNS}`,
    );
    const scopeChanged = after!.role !== before.role || after!.street_code !== before.street_code || after!.district_code !== before.district_code || (after!.disabled && !before.disabled);
    if (scopeChanged || passwordHash) await endUserSessions(tx, id);
    await appendAudit(tx, actor, {
      entity: "users",
      entityId: id,
      action: "update",
      before,
      after: { ...after, ...(passwordHash ? { password: "changed" } : {}) },
    });
    return after!;
  });
}
