import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { geometry } from "./geometry";
import { users } from "./users";

/**
 * An upload being imported: parsed and checked rows wait in import_rows until the user commits
 * (one transaction into the target layer) or discards them. Nothing reaches a layer before that.
 */
export const imports = pgTable("imports", {
  id: uuid("id").primaryKey().defaultRandom(),
  layer: text("layer").notNull(),
  crs: text("crs").notNull(),
  fileName: text("file_name").notNull(),
  format: text("format"),
  /** parsing → ready | failed → committed | discarded */
  status: text("status").notNull().default("parsing"),
  progress: integer("progress").notNull().default(0),
  /** Counts and the first rejected rows with reasons, once parsed; the error when failed. */
  report: jsonb("report"),
  mapping: jsonb("mapping"),
  /** add | replace (grid cells: the file's communities keep only the file's cells) */
  mode: text("mode").notNull().default("add"),
  actor: text("actor").notNull(),
  userId: integer("user_id").references(() => users.id, { onDelete: "set null" }),
  streetCode: text("street_code"),
  /** The district an account limited to one imported for (its rows are checked against it). */
  districtCode: text("district_code"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const importRows = pgTable(
  "import_rows",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    importId: uuid("import_id")
      .notNull()
      .references(() => imports.id, { onDelete: "cascade" }),
    /** 1-based row (feature) number in the file, for the report. */
    rowNumber: integer("row_number").notNull(),
    /** ok (insert) | update (existing code) | rejected */
    verdict: text("verdict").notNull(),
    reason: text("reason"),
    properties: jsonb("properties").notNull(),
    geom: geometry("geom", "Geometry"),
  },
  (t) => [index("import_rows_import_idx").on(t.importId, t.rowNumber)],
);
