import { sql } from "drizzle-orm";
import { z } from "zod";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { createApiToken, listApiTokens, NewApiToken, revokeApiToken } from "@/lib/auth/api-tokens";
import { queryOne } from "@/lib/db/query";
import type { Db } from "@/lib/db/types";
import { NewUser, UserChange } from "@/lib/users/user-input";
import { createUser, listUsers, updateUser } from "@/lib/users/users";

/**
 * `npm run user -- …`: accounts and API tokens from the shell. One implementation, run either by
 * the CLI on the database itself or, when a server holds the embedded DATA_DIR, by that server
 * on the CLI's behalf (lib/maintenance/maintenance-socket.ts).
 */
export const USER_COMMANDS = ["create", "list", "disable", "enable", "password", "token", "tokens", "revoke"] as const;

export const UserCommand = z.object({
  command: z.enum(USER_COMMANDS),
  email: z.string().optional(),
  name: z.string().optional(),
  role: z.string().optional(),
  street: z.string().optional(),
  district: z.string().optional(),
  password: z.string().optional(),
  id: z.string().optional(),
});
export type UserCommand = z.infer<typeof UserCommand>;

/** What a command prints: lines, and optionally a table. */
export interface CommandOutput {
  lines: string[];
  table?: Record<string, unknown>[];
}

export async function runUserCommand(db: Db, input: UserCommand): Promise<CommandOutput> {
  const userId = async () => {
    const row = await queryOne<{ id: number }>(db, sql`select id from users where lower(email) = ${(input.email ?? "").toLowerCase()}`);
    if (!row) throw new Error(`no account ${input.email ?? "(give --email)"}`);
    return row.id;
  };
  switch (input.command) {
    case "create": {
      const user = await createUser(
        db,
        SYSTEM_ACTOR,
        NewUser.parse({ email: input.email, display_name: input.name ?? input.email, role: input.role, street_code: input.street ?? null, district_code: input.district ?? null, password: input.password }),
      );
      return { lines: [`created ${user.role} ${user.email} (id ${user.id})${user.street_code ? ` for street ${user.street_code}` : user.district_code ? ` for district ${user.district_code}` : ""}`] };
    }
    case "list":
      return { lines: [], table: (await listUsers(db, SYSTEM_ACTOR)) as unknown as Record<string, unknown>[] };
    case "disable":
    case "enable": {
      const user = await updateUser(db, SYSTEM_ACTOR, await userId(), UserChange.parse({ disabled: input.command === "disable" }));
      return { lines: [`${user.email} is now ${user.disabled ? "disabled (its sessions ended)" : "enabled"}`] };
    }
    case "password": {
      await updateUser(db, SYSTEM_ACTOR, await userId(), UserChange.parse({ password: input.password }));
      return { lines: ["password changed; existing sessions ended"] };
    }
    case "token": {
      const token = await createApiToken(db, SYSTEM_ACTOR, NewApiToken.parse({ name: input.name, role: input.role, street_code: input.street ?? null, district_code: input.district ?? null }));
      return { lines: [`token ${token.id} (${token.role}) — shown once, store it now:`, token.token] };
    }
    case "tokens":
      return { lines: [], table: (await listApiTokens(db, SYSTEM_ACTOR)) as unknown as Record<string, unknown>[] };
    case "revoke": {
      const token = await revokeApiToken(db, SYSTEM_ACTOR, Number(input.id));
      return { lines: [`token ${token.id} (${token.name}) revoked at ${token.revoked_at}`] };
    }
  }
}

/** Commands that need a password and prompt for one when --password is not given. */
export const needsPassword = (command: UserCommand["command"]) => command === "create" || command === "password";
