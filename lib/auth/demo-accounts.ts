import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import type { UserRole } from "@/lib/vocabulary";
import { queryOne } from "@/lib/db/query";
import type { Database } from "@/lib/db/types";
import { isDemoDataset } from "@/lib/health/is-demo-dataset";
import { hashPassword, passwordProblem } from "./passwords";

/** One account per role, for trying Grid Atlas. 五马街道 is the street office's street. */
export const DEMO_ACCOUNTS: { email: string; displayName: string; role: UserRole; streetCode: string | null }[] = [
  { email: "admin@demo.local", displayName: "演示管理员", role: "admin", streetCode: null },
  { email: "planner@demo.local", displayName: "演示规划人员", role: "planner", streetCode: null },
  { email: "commander@demo.local", displayName: "演示指挥中心值班员", role: "commander", streetCode: null },
  { email: "wuma@demo.local", displayName: "五马街道工作人员", role: "street_office", streetCode: "330302006000" },
  { email: "worker@demo.local", displayName: "五马街道网格员", role: "grid_worker", streetCode: "330302006000" },
];

/** How many of 五马街道's cells the demo grid worker is responsible for. */
export const DEMO_WORKER_CELLS = 12;

/**
 * Demo accounts exist only on the embedded database holding the generated demo district: a real
 * deployment (DATABASE_URL) never has a default account. The password is DEMO_PASSWORD, or one
 * generated on first start; it is public by design (printed and shown on the sign-in page), so
 * it is kept in dataset_meta next to the demo marker and not treated as a secret.
 */
export async function ensureDemoAccounts(database: Database): Promise<string | null> {
  if (database.kind !== "embedded" || !(await isDemoDataset(database.db))) return null;
  const wanted = process.env.DEMO_PASSWORD?.trim() || null;
  if (wanted && passwordProblem(wanted)) throw new Error(`DEMO_PASSWORD: ${passwordProblem(wanted)}`);
  const stored = await storedDemoPassword(database);
  const password = wanted ?? stored ?? randomBytes(9).toString("base64url");
  const hash = await hashPassword(password);
  for (const account of DEMO_ACCOUNTS) {
    await database.db.execute(
      sql`insert into users (email, display_name, role, street_code, password_hash)
          values (${account.email}, ${account.displayName}, ${account.role}, ${account.streetCode}, ${hash})
          on conflict (email) do update set password_hash = excluded.password_hash, disabled = false
          where users.password_hash is distinct from excluded.password_hash and ${password !== stored}`,
    );
  }
  await assignDemoWorkerCells(database);
  if (password !== stored) {
    await database.db.execute(
      sql`insert into dataset_meta (key, value) values ('demo_accounts', ${JSON.stringify({ password })}::jsonb)
          on conflict (key) do update set value = excluded.value`,
    );
  }
  return password;
}

/**
 * The demo grid worker answers for the first dozen cells of its street (by code), once: cells
 * reassigned by hand afterwards stay as they are.
 */
async function assignDemoWorkerCells(database: Database): Promise<void> {
  const worker = DEMO_ACCOUNTS.find((a) => a.role === "grid_worker")!;
  await database.db.execute(
    sql`with w as (select id from users where email = ${worker.email})
        update grid_cells set responsible_user_id = (select id from w)
        where id in (select id from grid_cells where community_code like ${worker.streetCode!.slice(0, 9) + "%"} order by code limit ${DEMO_WORKER_CELLS})
          and not exists (select 1 from grid_cells g, w where g.responsible_user_id = w.id)`,
  );
}

/** The demo password to show on the sign-in page, or null when this is not the embedded demo. */
export async function demoPassword(database: Database): Promise<string | null> {
  if (database.kind !== "embedded") return null;
  return storedDemoPassword(database);
}

async function storedDemoPassword(database: Database): Promise<string | null> {
  const row = await queryOne<{ password: string | null }>(database.db, sql`select value->>'password' as password from dataset_meta where key = 'demo_accounts'`);
  return row?.password ?? null;
}
