import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";
import { digits, validGeometry } from "./checks";
import { communities } from "./communities";
import { geometry } from "./geometry";
import { users } from "./users";

/** 网格 — the smallest unit of grid management, with one responsible grid worker. */
export const gridCells = pgTable(
  "grid_cells",
  {
    id: serial("id").primaryKey(),
    /** 15 digits as GB/T 30428.1 lays grid codes out: 6 district + 3 street + 3 community + 3 sequence. */
    code: text("code").notNull().unique(),
    communityCode: text("community_code")
      .notNull()
      .references(() => communities.code, { onUpdate: "cascade" }),
    responsibleUserId: integer("responsible_user_id").references(() => users.id, { onDelete: "set null" }),
    geom: geometry("geom", "MultiPolygon").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("grid_cells_geom_gist").using("gist", t.geom),
    index("grid_cells_community_code_idx").on(t.communityCode),
    check("grid_cells_code_15_digits", digits(t.code, 15)),
    check("grid_cells_code_in_community", sql`left(${t.code}, 12) = ${t.communityCode}`),
    check("grid_cells_geom_valid", validGeometry(t.geom)),
  ],
);
export type GridCell = typeof gridCells.$inferSelect;
