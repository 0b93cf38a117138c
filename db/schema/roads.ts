import { check, index, pgTable, serial, text } from "drizzle-orm/pg-core";
import { validGeometry } from "./checks";
import { roadClass } from "./enums";
import { geometry } from "./geometry";

/** Road centre lines: basemap context and the source of "main road" no-stall zones. */
export const roads = pgTable(
  "roads",
  {
    id: serial("id").primaryKey(),
    name: text("name").notNull(),
    roadClass: roadClass("road_class").notNull(),
    geom: geometry("geom", "LineString").notNull(),
  },
  (t) => [index("roads_geom_gist").using("gist", t.geom), check("roads_geom_valid", validGeometry(t.geom))],
);
export type Road = typeof roads.$inferSelect;
