import { bigserial, date, integer, jsonb, pgTable, primaryKey, serial, text, timestamp } from "drizzle-orm/pg-core";
import { departments } from "./departments";
import { eventCategory } from "./enums";
import { geometry } from "./geometry";
import { gridCells } from "./grid-cells";
import { streets } from "./streets";

/**
 * The command centre's work (migration 0016; constraints live there): supervised areas (挂牌督办)
 * and the alerts raised for new hot spots, missed deadlines and overdue cases. Places only.
 */
export const supervisedAreas = pgTable("supervised_areas", {
  id: serial("id").primaryKey(),
  name: text("name").notNull(),
  streetCode: text("street_code").notNull().references(() => streets.code, { onUpdate: "cascade" }),
  departmentCode: text("department_code").notNull().references(() => departments.code, { onUpdate: "cascade" }),
  category: eventCategory("category").notNull(),
  /** The target: at most maxPerWeek events of the category a week, targetWeeks whole weeks in a row. */
  maxPerWeek: integer("max_per_week").notNull(),
  targetWeeks: integer("target_weeks").notNull().default(4),
  openedOn: date("opened_on").notNull(),
  deadline: date("deadline").notNull(),
  status: text("status").notNull().default("open"),
  openedBy: text("opened_by").notNull(),
  acceptedOn: date("accepted_on"),
  acceptedBy: text("accepted_by"),
  acceptNote: text("accept_note"),
  geom: geometry("geom", "MultiPolygon").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const supervisedAreaCells = pgTable(
  "supervised_area_cells",
  {
    areaId: integer("area_id").notNull().references(() => supervisedAreas.id, { onDelete: "cascade" }),
    gridCellId: integer("grid_cell_id").notNull().references(() => gridCells.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.areaId, t.gridCellId] })],
);

export const alerts = pgTable("alerts", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  kind: text("kind").notNull(),
  /** The China week (its Monday) the alert is about; with the place it makes dedupeKey. */
  weekStart: date("week_start").notNull(),
  category: eventCategory("category"),
  gridCellId: integer("grid_cell_id").references(() => gridCells.id, { onDelete: "cascade" }),
  areaId: integer("area_id").references(() => supervisedAreas.id, { onDelete: "cascade" }),
  streetCode: text("street_code").references(() => streets.code, { onUpdate: "cascade" }),
  details: jsonb("details").notNull().default({}),
  dedupeKey: text("dedupe_key").notNull().unique(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  webhookState: text("webhook_state").notNull().default("none"),
  webhookAttempts: integer("webhook_attempts").notNull().default(0),
  webhookError: text("webhook_error"),
});
