import { check, index, pgTable, serial, text } from "drizzle-orm/pg-core";
import { digits, validGeometry } from "./checks";
import { geometry } from "./geometry";

/** 街道/镇 — a street office or town, the second administrative level under the district. */
export const streets = pgTable(
  "streets",
  {
    id: serial("id").primaryKey(),
    code: text("code").notNull().unique(), // 12-digit statistical division code
    nameZh: text("name_zh").notNull(),
    nameEn: text("name_en").notNull(),
    geom: geometry("geom", "MultiPolygon").notNull(),
  },
  (t) => [
    index("streets_geom_gist").using("gist", t.geom),
    check("streets_code_12_digits", digits(t.code, 12)),
    check("streets_geom_valid", validGeometry(t.geom)),
  ],
);
export type Street = typeof streets.$inferSelect;
