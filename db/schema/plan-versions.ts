import { index, integer, jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { geometry } from "./geometry";
import { users } from "./users";

/**
 * Every saved version of a no-stall zone or guidance point: what it was, who saved it, when and
 * why. History, the "as of date" view and version overlays read this; rows are only appended.
 */
export const planVersions = pgTable(
  "plan_versions",
  {
    kind: text("kind").notNull(), // "zone" | "guidance_point"
    featureId: integer("feature_id").notNull(),
    version: integer("version").notNull(),
    action: text("action").notNull(), // create | update | publish | retire | delete
    status: text("status").notNull(),
    note: text("note"),
    actor: text("actor").notNull(),
    userId: integer("user_id").references(() => users.id, { onDelete: "set null" }),
    savedAt: timestamp("saved_at", { withTimezone: true }).notNull().defaultNow(),
    properties: jsonb("properties").notNull(),
    geom: geometry("geom", "Geometry").notNull(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.featureId, t.version] }), index("plan_versions_saved_at_idx").on(t.kind, t.savedAt)],
);
