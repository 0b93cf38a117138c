import { sql } from "drizzle-orm";
import { check, index, pgTable, serial, text } from "drizzle-orm/pg-core";
import { digits, validGeometry } from "./checks";
import { geometry } from "./geometry";
import { streets } from "./streets";

/** 社区/村居 — a community (urban) or village committee (rural) inside one street. */
export const communities = pgTable(
  "communities",
  {
    id: serial("id").primaryKey(),
    code: text("code").notNull().unique(), // 12 digits: street's first 9 + 3-digit sequence
    streetCode: text("street_code")
      .notNull()
      .references(() => streets.code, { onUpdate: "cascade" }),
    nameZh: text("name_zh").notNull(),
    nameEn: text("name_en").notNull(),
    geom: geometry("geom", "MultiPolygon").notNull(),
  },
  (t) => [
    index("communities_geom_gist").using("gist", t.geom),
    index("communities_street_code_idx").on(t.streetCode),
    check("communities_code_12_digits", digits(t.code, 12)),
    check("communities_code_in_street", sql`left(${t.code}, 9) = left(${t.streetCode}, 9)`),
    check("communities_geom_valid", validGeometry(t.geom)),
  ],
);
export type Community = typeof communities.$inferSelect;
