import { check, index, integer, pgTable, serial, text } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { validGeometry } from "./checks";
import { geometry } from "./geometry";

/**
 * Building outlines without register data — the usual open data (a footprint and at most a
 * floor count). Drawn on the map; rental-register rows attach to the outline they stand in.
 */
export const buildingFootprints = pgTable(
  "building_footprints",
  {
    id: serial("id").primaryKey(),
    floors: integer("floors"),
    /** The file it came from. */
    source: text("source").notNull().default(""),
    geom: geometry("geom", "MultiPolygon").notNull(),
  },
  (t) => [
    index("building_footprints_geom_gist").using("gist", t.geom),
    check("building_footprints_geom_valid", validGeometry(t.geom)),
    check("building_footprints_floors", sql`${t.floors} is null or ${t.floors} between 1 and 200`),
  ],
);
