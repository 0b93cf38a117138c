import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/auth/authorize";
import { query } from "@/lib/db/query";
import type { Db } from "@/lib/db/types";

/** Filters of the audit view; every value reaches SQL as a parameter. */
export const AuditQuery = z
  .object({
    entity: z.string().max(200).optional(),
    action: z.string().max(50).optional(),
    actor: z.string().max(200).optional(),
    from: z.iso.date("use a date like 2026-11-28").optional(),
    to: z.iso.date("use a date like 2026-11-28").optional(),
    /** Keyset paging: entries older than this id. */
    before: z.coerce.number().int().positive().optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();
export type AuditQuery = z.output<typeof AuditQuery>;

export interface AuditEntryView {
  id: number;
  at: string;
  actor: string;
  entity: string;
  entity_id: string | null;
  action: string;
  before: unknown;
  after: unknown;
}

/** Newest first, for admins only. */
export async function listAudit(db: Db, actor: Actor, q: AuditQuery): Promise<AuditEntryView[]> {
  authorize(actor, "read:audit");
  const where: SQL[] = [sql`true`];
  if (q.entity) where.push(sql`entity = ${q.entity}`);
  if (q.action) where.push(sql`action = ${q.action}`);
  if (q.actor) where.push(sql`strpos(lower(actor), lower(${q.actor})) > 0`);
  if (q.from) where.push(sql`at >= ${q.from}::date`);
  if (q.to) where.push(sql`at < ${q.to}::date + 1`);
  if (q.before) where.push(sql`id < ${q.before}`);
  const rows = await query<AuditEntryView>(
    db,
    sql`select id::float8 as id, at::text as at, actor, entity, entity_id, action, before, after
        from audit_log where ${sql.join(where, sql` and `)} order by id desc limit ${q.limit}`,
  );
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}
