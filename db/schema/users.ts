import { sql } from "drizzle-orm";
import { boolean, check, pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";
import { userRole } from "./enums";
import { streets } from "./streets";

/**
 * Staff accounts — the only personal data Grid Atlas keeps, and only what sign-in and
 * the audit log need (an e-mail and a display name). Residents are never stored.
 */
export const users = pgTable(
  "users",
  {
    id: serial("id").primaryKey(),
    email: text("email").notNull().unique(),
    displayName: text("display_name").notNull(),
    role: userRole("role").notNull(),
    /** Street scope; required for street offices and grid workers, empty for district-wide roles. */
    streetCode: text("street_code").references(() => streets.code, { onUpdate: "cascade" }),
    /** District scope (migration 0021) of a district-wide role: its 6-digit code; empty for the whole city. */
    districtCode: text("district_code"),
    passwordHash: text("password_hash"),
    disabled: boolean("disabled").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** The unread-alerts badge counts alerts raised after this. */
    alertsSeenAt: timestamp("alerts_seen_at", { withTimezone: true }),
  },
  (t) => [
    check(
      "users_street_scope",
      sql`(${t.role}::text in ('street_office', 'grid_worker')) = (${t.streetCode} IS NOT NULL)`,
    ),
    check("users_district_scope", sql`${t.districtCode} IS NULL OR (${t.districtCode} ~ '^[0-9]{6}$' AND ${t.streetCode} IS NULL)`),
  ],
);
export type User = typeof users.$inferSelect;
