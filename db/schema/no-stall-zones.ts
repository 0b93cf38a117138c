import { sql } from "drizzle-orm";
import { check, date, index, integer, jsonb, pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";
import { validGeometry } from "./checks";
import { publicationStatus, zoneCategory } from "./enums";
import { geometry } from "./geometry";

/** 禁摊区 — an area where street vending is not allowed. Polygons are stored as MultiPolygon. */
export const noStallZones = pgTable(
  "no_stall_zones",
  {
    id: serial("id").primaryKey(),
    name: text("name").notNull(),
    category: zoneCategory("category").notNull(),
    legalBasis: text("legal_basis").notNull().default(""),
    validFrom: date("valid_from").notNull(),
    validTo: date("valid_to"),
    status: publicationStatus("status").notNull().default("draft"),
    version: integer("version").notNull().default(1),
    geom: geometry("geom", "MultiPolygon").notNull(),
    /**
     * For zones made from a rule ("200 m around these schools"): the rule, its source features
     * and a digest of their geometry when the zone was made, to notice when a source has moved.
     */
    rule: jsonb("rule"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("no_stall_zones_geom_gist").using("gist", t.geom),
    index("no_stall_zones_status_idx").on(t.status),
    check("no_stall_zones_geom_valid", validGeometry(t.geom)),
    check("no_stall_zones_valid_range", sql`${t.validTo} IS NULL OR ${t.validTo} >= ${t.validFrom}`),
    check("no_stall_zones_version", sql`${t.version} >= 1`),
  ],
);
export type NoStallZone = typeof noStallZones.$inferSelect;
