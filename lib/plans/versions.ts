import { sql, type SQL } from "drizzle-orm";
import type { Actor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/types";

export type PlanKind = "zone" | "guidance_point";

/** The API properties of a zone / guidance point row (alias `t`), as stored with each version. */
export const PROPERTIES: Record<PlanKind, SQL> = {
  zone: sql`jsonb_build_object('name', t.name, 'category', t.category, 'legal_basis', t.legal_basis,
    'valid_from', t.valid_from::text, 'valid_to', t.valid_to::text, 'status', t.status, 'version', t.version, 'rule', t.rule)`,
  guidance_point: sql`jsonb_build_object('name', t.name, 'capacity', t.capacity, 'occupied_stalls', t.occupied_stalls,
    'opening_hours', t.opening_hours, 'allowed_goods', to_jsonb(t.allowed_goods), 'reserved_priority_slots', t.reserved_priority_slots,
    'status', t.status, 'version', t.version)`,
};

export const TABLE: Record<PlanKind, SQL> = { zone: sql`no_stall_zones`, guidance_point: sql`guidance_points` };

/** Record the row as it now is as a new history entry (same transaction as the change). */
export async function appendVersion(db: Db, kind: PlanKind, id: number, action: string, note: string | null, actor: Actor): Promise<void> {
  await db.execute(
    sql`insert into plan_versions (kind, feature_id, version, action, status, note, actor, user_id, properties, geom)
        select ${kind}, t.id, t.version, ${action}, t.status::text, ${note}, ${actor.label}, ${actor.userId}, ${PROPERTIES[kind]}, t.geom
        from ${TABLE[kind]} t where t.id = ${id}`,
  );
}

/** First history entries for rows that have none (the generated demo plans). */
export async function recordInitialVersions(db: Db, note = "演示数据（自动生成）", actor = "system"): Promise<void> {
  for (const kind of ["zone", "guidance_point"] as const) {
    const since = kind === "zone" ? sql`least(t.created_at, t.valid_from::timestamptz)` : sql`t.created_at`;
    await db.execute(
      sql`insert into plan_versions (kind, feature_id, version, action, status, note, actor, saved_at, properties, geom)
          select ${kind}, t.id, t.version, 'create', t.status::text, ${note}, ${actor}, ${since}, ${PROPERTIES[kind]}, t.geom
          from ${TABLE[kind]} t
          where not exists (select 1 from plan_versions v where v.kind = ${kind} and v.feature_id = t.id)`,
    );
  }
}
