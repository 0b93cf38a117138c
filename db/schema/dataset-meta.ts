import { jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Facts about the data set itself, e.g. `demo` = { scale, seed, anchorDate, planted sites }
 * when the data is the generated demo district (the UI shows a "demo data" badge then).
 */
export const datasetMeta = pgTable("dataset_meta", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
