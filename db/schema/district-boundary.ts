import { check, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { validGeometry } from "./checks";
import { geometry } from "./geometry";

/** 区/县 — the district's own outline (one row, imported); without it the streets' union stands in. */
export const districtBoundary = pgTable(
  "district_boundary",
  {
    id: integer("id").primaryKey().default(1),
    code: text("code"), // 6-digit division code, when known
    nameZh: text("name_zh").notNull(),
    nameEn: text("name_en").notNull(),
    geom: geometry("geom", "MultiPolygon").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("district_boundary_one_row", sql`${t.id} = 1`), check("district_boundary_geom_valid", validGeometry(t.geom))],
);
