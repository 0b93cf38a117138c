import { check, index, pgTable, serial, text } from "drizzle-orm/pg-core";
import { validGeometry } from "./checks";
import { poiCategory } from "./enums";
import { geometry } from "./geometry";

/** 兴趣点 — the places zones are drawn around: schools, markets, transit hubs, admin centres, hospitals. */
export const pois = pgTable(
  "pois",
  {
    id: serial("id").primaryKey(),
    name: text("name").notNull(),
    category: poiCategory("category").notNull(),
    /** The file's own category when it is none of ours (category is then 'other'). */
    sourceCategory: text("source_category"),
    geom: geometry("geom", "Point").notNull(),
  },
  (t) => [
    index("pois_geom_gist").using("gist", t.geom),
    index("pois_category_idx").on(t.category),
    check("pois_geom_valid", validGeometry(t.geom)),
  ],
);
export type Poi = typeof pois.$inferSelect;
