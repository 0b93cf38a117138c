import { bigserial, index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "./users";

/** Who changed what and when. Rows are only ever appended. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    userId: integer("user_id").references(() => users.id, { onDelete: "set null" }),
    /** Who acted, readable without a join: an e-mail, `token:<id> <name>`, `system` or `anonymous`. */
    actor: text("actor").notNull().default("system"),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    entity: text("entity").notNull(), // table name, e.g. "no_stall_zones"
    entityId: text("entity_id"),
    action: text("action").notNull(), // create | update | delete | publish | retire | import | sign_in | denied ...
    before: jsonb("before"),
    after: jsonb("after"),
  },
  (t) => [index("audit_log_at_idx").on(t.at), index("audit_log_entity_idx").on(t.entity, t.entityId)],
);
export type AuditEntry = typeof auditLog.$inferSelect;
