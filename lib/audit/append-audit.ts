import { sql } from "drizzle-orm";
import type { Actor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/types";

export interface AuditRecord {
  entity: string;
  entityId?: string | number | null;
  /** create | update | delete | publish | retire | import | sign_in | sign_in_failed | sign_out | denied | failed ... */
  action: string;
  before?: unknown;
  after?: unknown;
}

/**
 * Append one audit row. Call it with the transaction that makes the change, so the change and
 * its record commit or roll back together.
 */
export async function appendAudit(db: Db, actor: Actor | null, record: AuditRecord): Promise<void> {
  const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));
  await db.execute(
    sql`insert into audit_log (user_id, actor, entity, entity_id, action, before, after)
        values (${actor?.userId ?? null}, ${actor?.label ?? "anonymous"}, ${record.entity},
                ${record.entityId === undefined || record.entityId === null ? null : String(record.entityId)},
                ${record.action}, ${json(record.before)}::jsonb, ${json(record.after)}::jsonb)`,
  );
}
