import { sql } from "drizzle-orm";
import { check, integer, pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";
import { userRole } from "./enums";
import { streets } from "./streets";
import { users } from "./users";

/**
 * Tokens for integrations (QGIS, scripts), sent as `Authorization: Bearer`. Made by an admin,
 * shown once, stored as a SHA-256 of the secret, scoped to a role (and a street for street
 * offices), revocable. A revoked token is kept so the audit log can still name it.
 */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: serial("id").primaryKey(),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    role: userRole("role").notNull(),
    streetCode: text("street_code").references(() => streets.code, { onUpdate: "cascade" }),
    /** District scope (migration 0021) of a district-wide role; empty for the whole city. */
    districtCode: text("district_code"),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
  },
  (t) => [
    check("api_tokens_street_scope", sql`(${t.role} = 'street_office') = (${t.streetCode} IS NOT NULL)`),
    check("api_tokens_district_scope", sql`${t.districtCode} IS NULL OR (${t.districtCode} ~ '^[0-9]{6}$' AND ${t.streetCode} IS NULL)`),
  ],
);
export type ApiToken = typeof apiTokens.$inferSelect;
