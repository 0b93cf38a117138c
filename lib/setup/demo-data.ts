import { sql } from "drizzle-orm";
import { appendAudit } from "@/lib/audit/append-audit";
import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/auth/authorize";
import { DEMO_ACCOUNTS } from "@/lib/auth/demo-accounts";
import { query, queryOne } from "@/lib/db/query";
import type { Db } from "@/lib/db/types";
import { HttpError } from "@/lib/http/errors";

/**
 * The generated demo district, told apart from a district's own rows. Seeding starts every data
 * table's ids afresh, so the demo's rows are those with an id up to the highest one when seeding
 * ended — recorded then, in the `demo` row of dataset_meta. Anything imported or made by hand
 * later has a higher id and stays when the demo is removed.
 */

/** Tables holding demo rows, in the order they are deleted (what refers to others first). */
export const DEMO_TABLES = [
  "events",
  "rental_buildings",
  "guidance_points",
  "no_stall_zones",
  "pois",
  "roads",
  "grid_cells",
  "communities",
  "streets",
  "district_boundary",
  "coverage_targets",
] as const;
export type DemoTable = (typeof DEMO_TABLES)[number];

/** The highest id of each table when seeding ended. */
export type DemoRows = Record<DemoTable, number>;

/** Record which rows are the demo's: call at the end of seeding, in its transaction. */
export async function recordDemoRows(db: Db): Promise<DemoRows> {
  const parts = DEMO_TABLES.map((t) => sql`${t}::text as t, (select coalesce(max(id), 0) from ${sql.identifier(t)})::float8 as max`);
  const rows = await query<{ t: DemoTable; max: number }>(db, sql.join(parts.map((p) => sql`select ${p}`), sql` union all `));
  return Object.fromEntries(rows.map((r) => [r.t, Number(r.max)])) as DemoRows;
}

export interface DemoSummary {
  present: boolean;
  /** Demo rows per table, as they are now. */
  counts: Partial<Record<DemoTable, number>>;
  /** Why the demo cannot be removed right now, in words an admin can act on; empty when it can. */
  blockers: string[];
}

async function recorded(db: Db): Promise<{ present: boolean; rows: DemoRows | null }> {
  const row = await queryOne<{ rows: DemoRows | null }>(db, sql`select value->'rows' as rows from dataset_meta where key = 'demo'`);
  return { present: row !== undefined, rows: row?.rows ?? null };
}

const demoEmails = DEMO_ACCOUNTS.map((a) => a.email);

/** What "remove the demo" would take away, and what stands in its way. */
export async function demoSummary(db: Db, actor: Actor): Promise<DemoSummary> {
  authorize(actor, "setup:district");
  const { present, rows } = await recorded(db);
  if (!present) return { present: false, counts: {}, blockers: [] };
  if (!rows) {
    return {
      present,
      counts: {},
      blockers: ["this demo was generated before Grid Atlas recorded which rows are the demo's; regenerate it (npm run db:seed -- --force) or start from an empty database"],
    };
  }
  const counts: Partial<Record<DemoTable, number>> = {};
  for (const t of DEMO_TABLES) {
    const n = await queryOne<{ n: number }>(db, sql`select count(*)::int as n from ${sql.identifier(t)} where id <= ${rows[t]}`);
    counts[t] = Number(n?.n ?? 0);
  }
  const blockers: string[] = [];
  if (actor.label && demoEmails.includes(actor.label)) {
    blockers.push("you are signed in with a demo account, which goes with the demo: make your own administrator at /admin, sign in with it, then remove the demo");
  }
  // Accounts and live tokens of a street are scoped by it: they would be left pointing at nothing.
  const scoped = await query<{ who: string }>(
    db,
    sql`select u.email as who from users u join streets s on s.code = u.street_code
        where s.id <= ${rows.streets} and not (u.email = any(${`{${demoEmails.join(",")}}`}::text[]))
        union all
        select 'API token ' || t.name from api_tokens t join streets s on s.code = t.street_code where s.id <= ${rows.streets} and t.revoked_at is null`,
  );
  if (scoped.length) blockers.push(`these accounts are scoped to demo streets: ${scoped.map((r) => r.who).join(", ")}; give them a street of your own first`);
  return { present, counts, blockers };
}

/**
 * Delete every demo row in one transaction and the demo marker, and disable the demo accounts
 * (their password is public); imported and hand-made rows, other accounts and settings stay. Audited.
 */
export async function removeDemoData(db: Db, actor: Actor): Promise<Partial<Record<DemoTable, number>>> {
  authorize(actor, "setup:district");
  return db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    await t.execute(sql`set local statement_timeout = 0`);
    // One removal at a time, and no seeding or import commit in between.
    await t.execute(sql`select pg_advisory_xact_lock(hashtext('grid-atlas:demo'))`);
    const summary = await demoSummary(t, actor);
    if (!summary.present) throw new HttpError(409, "there is no demo data to remove");
    if (summary.blockers.length) throw new HttpError(409, summary.blockers.join("; "));
    const { rows } = await recorded(t);
    const removed: Partial<Record<DemoTable, number>> = {};
    // Plan history of demo zones and points first (it names them by id).
    await t.execute(sql`delete from plan_versions where (kind = 'zone' and feature_id <= ${rows!.no_stall_zones}) or (kind = 'guidance_point' and feature_id <= ${rows!.guidance_points})`);
    // The demo accounts' password is public: they are disabled for good and lose their street
    // (the audit log keeps referring to them, so they are not deleted). Revoked tokens of demo
    // streets go; live ones were refused above.
    const demo = sql`${`{${demoEmails.join(",")}}`}::text[]`;
    await t.execute(sql`update users set disabled = true, password_hash = null,
                          role = case when role = 'street_office' then 'commander'::user_role else role end, street_code = null
                        where email = any(${demo})`);
    await t.execute(sql`delete from sessions where user_id in (select id from users where email = any(${demo}))`);
    await t.execute(sql`delete from api_tokens where revoked_at is not null and street_code in (select code from streets where id <= ${rows!.streets})`);
    for (const table of DEMO_TABLES) {
      const deleted = await query<{ n: number }>(t, sql`with d as (delete from ${sql.identifier(table)} where id <= ${rows![table]} returning 1) select count(*)::int as n from d`);
      removed[table] = Number(deleted[0]?.n ?? 0);
    }
    await t.execute(sql`delete from dataset_meta where key in ('demo', 'demo_accounts')`);
    await appendAudit(t, actor, { entity: "dataset", action: "remove_demo", after: removed });
    return removed;
  });
}
