import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";
import { validGeometry } from "./checks";
import { publicationStatus } from "./enums";
import { geometry } from "./geometry";

/** 疏导点 — a designated vending spot that street vending is channelled to. */
export const guidancePoints = pgTable(
  "guidance_points",
  {
    id: serial("id").primaryKey(),
    name: text("name").notNull(),
    geom: geometry("geom", "Point").notNull(),
    capacity: integer("capacity").notNull(), // stalls
    occupiedStalls: integer("occupied_stalls").notNull().default(0), // a count, for "spare capacity"
    openingHours: text("opening_hours").notNull().default(""),
    allowedGoods: text("allowed_goods").array().notNull().default(sql`'{}'::text[]`),
    reservedPrioritySlots: integer("reserved_priority_slots").notNull().default(0), // for disabled, low-income, laid-off vendors
    status: publicationStatus("status").notNull().default("draft"),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("guidance_points_geom_gist").using("gist", t.geom),
    check("guidance_points_geom_valid", validGeometry(t.geom)),
    check(
      "guidance_points_capacity",
      sql`${t.capacity} > 0 AND ${t.occupiedStalls} BETWEEN 0 AND ${t.capacity} AND ${t.reservedPrioritySlots} BETWEEN 0 AND ${t.capacity}`,
    ),
    check("guidance_points_version", sql`${t.version} >= 1`),
  ],
);
export type GuidancePoint = typeof guidancePoints.$inferSelect;
