import { sql } from "drizzle-orm";
import { appendAudit } from "@/lib/audit/append-audit";
import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/auth/authorize";
import { DEMO_ACCOUNTS } from "@/lib/auth/demo-accounts";
import { inTransaction, query, queryOne } from "@/lib/db/query";
import type { Db } from "@/lib/db/types";
import { HttpError } from "@/lib/http/errors";
import { afterEventsRewritten } from "@/lib/register/event-writes";

/**
 * The generated demo district, told apart from a district's own rows by the `demo` marker
 * (migration 0013): seeding writes it on every row it makes, an import that writes over a row
 * clears it (the row is the district's own from then on), rows made later never have it.
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
  "districts",
  "coverage_targets",
] as const;
export type DemoTable = (typeof DEMO_TABLES)[number];

/**
 * While seeding (inside its transaction): new rows of every demo table get the marker by default
 * (`on`), and the default goes back to unmarked at the end (`off`). No row is rewritten.
 */
export async function markingDemoRows(db: Db, on: boolean): Promise<void> {
  for (const t of DEMO_TABLES) await db.execute(sql`alter table ${sql.identifier(t)} alter column demo set default ${on ? sql`true` : sql`false`}`);
}

export interface DemoSummary {
  present: boolean;
  /** Demo rows per table, as they are now. */
  counts: Partial<Record<DemoTable, number>>;
  /** Why the demo cannot be removed right now, in words an admin can act on; empty when it can. */
  blockers: string[];
}

const demoEmails = DEMO_ACCOUNTS.map((a) => a.email);
const demoEmailList = sql`${`{${demoEmails.join(",")}}`}::text[]`;

/** What "remove the demo" would take away, and what stands in its way. */
export async function demoSummary(db: Db, actor: Actor): Promise<DemoSummary> {
  authorize(actor, "setup:district");
  const meta = await queryOne<{ marked: boolean | null }>(db, sql`select (value->>'marked')::boolean as marked from dataset_meta where key = 'demo'`);
  if (!meta) return { present: false, counts: {}, blockers: [] };
  if (!meta.marked) {
    return {
      present: true,
      counts: {},
      blockers: ["this demo was generated before Grid Atlas marked the demo's rows; regenerate it (npm run db:seed -- --force) or start from an empty database"],
    };
  }
  const counts: Partial<Record<DemoTable, number>> = {};
  for (const t of DEMO_TABLES) {
    const n = await queryOne<{ n: number }>(db, sql`select count(*)::int as n from ${sql.identifier(t)} where demo`);
    counts[t] = Number(n?.n ?? 0);
  }
  const blockers: string[] = [];
  // The demo spans the whole system (every district of a seeded city): not one district's to remove.
  if (actor.districtCode) blockers.push("the demo covers every district: only a city-level administrator removes it");
  if (actor.label && demoEmails.includes(actor.label)) {
    blockers.push("you are signed in with a demo account, which goes with the demo: make your own administrator at /admin, sign in with it, then remove the demo");
  }
  // What the demo's streets and communities still hold of the district's own: it would be left
  // pointing at nothing (the database refuses that), so it has to move first.
  const scoped = await query<{ what: string }>(
    db,
    sql`select u.email as what from users u join streets s on s.code = u.street_code where s.demo and not (u.email = any(${demoEmailList}))
        union all
        select 'API token ' || t.name from api_tokens t join streets s on s.code = t.street_code where s.demo and t.revoked_at is null
        union all
        select 'community ' || c.code from communities c join streets s on s.code = c.street_code where s.demo and not c.demo
        union all
        select 'grid cell ' || g.code from grid_cells g join communities c on c.code = g.community_code where c.demo and not g.demo`,
  );
  if (scoped.length) {
    const listed = scoped.slice(0, 10).map((r) => r.what).join(", ") + (scoped.length > 10 ? ` and ${scoped.length - 10} more` : "");
    blockers.push(`these belong to demo streets or communities: ${listed}; give them a street or community of your own first`);
  }
  return { present: true, counts, blockers };
}

/**
 * Delete every demo row in one transaction and the demo marker; disable the demo accounts
 * (their password is public) and revoke the API tokens they made. Imported and hand-made rows,
 * other accounts and the district's own targets stay. Audited.
 */
export async function removeDemoData(db: Db, actor: Actor): Promise<Partial<Record<DemoTable, number>>> {
  authorize(actor, "setup:district");
  return inTransaction(db, async (t) => {
    await t.execute(sql`set local statement_timeout = 0`);
    // One removal at a time.
    await t.execute(sql`select pg_advisory_xact_lock(hashtext('grid-atlas:demo'))`);
    const summary = await demoSummary(t, actor);
    if (!summary.present) throw new HttpError(409, "there is no demo data to remove");
    if (summary.blockers.length) throw new HttpError(409, `the demo cannot be removed yet: ${summary.blockers.join("; ")}`);
    // Plan history of demo zones and points first (it names them by id).
    await t.execute(sql`delete from plan_versions where (kind = 'zone' and feature_id in (select id from no_stall_zones where demo))
                          or (kind = 'guidance_point' and feature_id in (select id from guidance_points where demo))`);
    // The demo accounts are shut for good and lose their street; they stay as rows because the
    // audit log refers to them. Tokens they made are revoked; revoked tokens of demo streets go.
    await t.execute(sql`update api_tokens set revoked_at = now() where revoked_at is null and created_by in (select id from users where email = any(${demoEmailList}))`);
    await t.execute(sql`update users set disabled = true, password_hash = null,
                          role = case when role::text in ('street_office', 'grid_worker') then 'commander'::user_role else role end, street_code = null
                        where email = any(${demoEmailList})`);
    await t.execute(sql`delete from sessions where user_id in (select id from users where email = any(${demoEmailList}))`);
    await t.execute(sql`delete from api_tokens where revoked_at is not null and street_code in (select code from streets where demo)`);
    // The register history of demo buildings goes with them; frozen monthly figures counted them
    // and are frozen again from what remains (lib/monthly).
    await t.execute(sql`delete from rental_building_history where building_id in (select id from rental_buildings where demo)`);
    await t.execute(sql`delete from monthly_freezes`);
    const removed: Partial<Record<DemoTable, number>> = {};
    for (const table of DEMO_TABLES) {
      const deleted = await query<{ n: number }>(t, sql`with d as (delete from ${sql.identifier(table)} where demo returning 1) select count(*)::int as n from d`);
      removed[table] = Number(deleted[0]?.n ?? 0);
    }
    await afterEventsRewritten(t); // on Citus, the week table and H3 queue without the demo's events
    await t.execute(sql`delete from dataset_meta where key in ('demo', 'demo_accounts')`);
    await appendAudit(t, actor, { entity: "dataset", action: "remove_demo", after: removed });
    return removed;
  });
}
