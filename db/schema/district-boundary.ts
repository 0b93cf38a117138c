import { check, integer, pgTable, text, timestamp, unique } from "drizzle-orm/pg-core";
import { validGeometry } from "./checks";
import { geometry } from "./geometry";

/**
 * 区/县 — each district's own outline (imported; one row per district code, at most one without a
 * code); without any, the streets' union stands in.
 */
export const districtBoundary = pgTable(
  "district_boundary",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    code: text("code"), // 6-digit division code, when known
    nameZh: text("name_zh").notNull(),
    nameEn: text("name_en").notNull(),
    geom: geometry("geom", "MultiPolygon").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("district_boundary_one_per_district").on(t.code).nullsNotDistinct(), check("district_boundary_geom_valid", validGeometry(t.geom))],
);
