/**
 * Manage accounts and API tokens from the shell — how the first admin of a real deployment is made.
 *
 *   npm run user -- create --email a@b.org --role admin [--name "…"] [--street 330302006000 | --district 330303] [--password …]
 *   npm run user -- list
 *   npm run user -- disable --email a@b.org          (also: enable)
 *   npm run user -- password --email a@b.org [--password …]
 *   npm run user -- token --name qgis --role commander [--street … | --district …]   (prints the token once)
 *   npm run user -- tokens                           (list)
 *   npm run user -- revoke --id 3
 *   --district limits a district-wide role (admin, planner, commander) to one district; without it
 *              the account is city-level (sees every district)
 *   --direct   never go through a running server (refused while one holds an embedded DATA_DIR)
 *
 * Without --password the password is asked for on the terminal (not echoed). Works while the
 * server runs: on an embedded database held by a running server, the server does the work
 * (lib/maintenance); otherwise the command opens the database itself.
 */
import { parseArgs } from "node:util";
import { remoteUserCommand } from "@/lib/maintenance/maintenance-client";
import { describeError } from "@/lib/maintenance/maintenance-socket";
import { openForMaintenance } from "@/lib/maintenance/open-for-maintenance";
import { needsPassword, runUserCommand, USER_COMMANDS, UserCommand, type CommandOutput } from "@/lib/maintenance/user-command";

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    email: { type: "string" },
    name: { type: "string" },
    role: { type: "string" },
    street: { type: "string" },
    district: { type: "string" },
    password: { type: "string" },
    id: { type: "string" },
    direct: { type: "boolean" },
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
  if (!USER_COMMANDS.includes(command as UserCommand["command"])) {
    console.error(`usage: npm run user -- ${USER_COMMANDS.join("|")} [options] (see scripts/user.ts)`);
    process.exitCode = 2;
    return;
  }
  const { direct, ...options } = values;
  const input = UserCommand.parse({ command, ...options });
  if (needsPassword(input.command) && input.password === undefined) {
    input.password = await askPassword(input.command === "create" ? "password: " : "new password: ");
  }
  const target = await openForMaintenance({ viaServer: !direct });
  let output: CommandOutput;
  if (target.kind === "server") {
    output = await remoteUserCommand(target.socket, input);
  } else {
    try {
      output = await runUserCommand(target.database.db, input);
    } finally {
      await target.database.close();
    }
  }
  for (const line of output.lines) console.log(line);
  if (output.table) console.table(output.table);
}

main().catch((error: unknown) => {
  console.error(describeError(error));
  process.exit(1);
});
