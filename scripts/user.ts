/**
 * Manage accounts and API tokens from the shell — how the first admin of a real deployment is made.
 *
 *   npm run user -- create --email a@b.org --role admin [--name "…"] [--street 330302006000] [--password …]
 *   npm run user -- list
 *   npm run user -- disable --email a@b.org          (also: enable)
 *   npm run user -- password --email a@b.org [--password …]
 *   npm run user -- token --name qgis --role commander [--street …]   (prints the token once)
 *   npm run user -- tokens                           (list)
 *   npm run user -- revoke --id 3
 *
 * Without --password the password is asked for on the terminal (not echoed). On the embedded
 * database stop the server first: one process at a time may open DATA_DIR.
 */
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { ZodError } from "zod";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { createApiToken, listApiTokens, NewApiToken, revokeApiToken } from "@/lib/auth/api-tokens";
import { openDatabase } from "@/lib/db/client";
import { queryOne } from "@/lib/db/query";
import { NewUser, UserChange } from "@/lib/users/user-input";
import { createUser, listUsers, updateUser } from "@/lib/users/users";

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    email: { type: "string" },
    name: { type: "string" },
    role: { type: "string" },
    street: { type: "string" },
    password: { type: "string" },
    id: { type: "string" },
  },
});

async function askPassword(prompt: string): Promise<string> {
  if (!process.stdin.isTTY) throw new Error("give --password (no terminal to ask on)");
  process.stdout.write(prompt);
  process.stdin.setRawMode(true);
  process.stdin.resume();
  let answer = "";
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString("utf8")) {
        if (ch === "\r" || ch === "\n") {
          process.stdin.setRawMode(false);
          process.stdin.pause();
          process.stdin.off("data", onData);
          process.stdout.write("\n");
          return resolve(answer);
        }
        if (ch === "\u0003") return reject(new Error("cancelled"));
        if (ch === "\u007f") answer = answer.slice(0, -1);
        else answer += ch;
      }
    };
    process.stdin.on("data", onData);
  });
}

async function main(): Promise<void> {
  const command = positionals[0];
  const database = await openDatabase();
  const db = database.db;
  const userId = async () => {
    const row = await queryOne<{ id: number }>(db, sql`select id from users where lower(email) = ${(values.email ?? "").toLowerCase()}`);
    if (!row) throw new Error(`no account ${values.email ?? "(give --email)"}`);
    return row.id;
  };
  try {
    switch (command) {
      case "create": {
        const password = values.password ?? (await askPassword("password: "));
        const input = NewUser.parse({
          email: values.email,
          display_name: values.name ?? values.email,
          role: values.role,
          street_code: values.street ?? null,
          password,
        });
        const user = await createUser(db, SYSTEM_ACTOR, input);
        console.log(`created ${user.role} ${user.email} (id ${user.id})${user.street_code ? ` for street ${user.street_code}` : ""}`);
        break;
      }
      case "list":
        console.table(await listUsers(db, SYSTEM_ACTOR));
        break;
      case "disable":
      case "enable": {
        const user = await updateUser(db, SYSTEM_ACTOR, await userId(), UserChange.parse({ disabled: command === "disable" }));
        console.log(`${user.email} is now ${user.disabled ? "disabled (its sessions ended)" : "enabled"}`);
        break;
      }
      case "password": {
        const id = await userId();
        const password = values.password ?? (await askPassword("new password: "));
        await updateUser(db, SYSTEM_ACTOR, id, UserChange.parse({ password }));
        console.log("password changed; existing sessions ended");
        break;
      }
      case "token": {
        const token = await createApiToken(db, SYSTEM_ACTOR, NewApiToken.parse({ name: values.name, role: values.role, street_code: values.street ?? null }));
        console.log(`token ${token.id} (${token.role}) — shown once, store it now:\n${token.token}`);
        break;
      }
      case "tokens":
        console.table(await listApiTokens(db, SYSTEM_ACTOR));
        break;
      case "revoke": {
        const token = await revokeApiToken(db, SYSTEM_ACTOR, Number(values.id));
        console.log(`token ${token.id} (${token.name}) revoked at ${token.revoked_at}`);
        break;
      }
      default:
        console.error("usage: npm run user -- create|list|disable|enable|password|token|tokens|revoke [options] (see scripts/user.ts)");
        process.exitCode = 2;
    }
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  if (error instanceof ZodError) {
    for (const issue of error.issues) console.error(`${issue.path.join(".") || "input"}: ${issue.message}`);
  } else {
    console.error(error instanceof Error ? error.message : error);
  }
  process.exit(1);
});
