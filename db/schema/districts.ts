import { boolean, check, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { digits } from "./checks";

/**
 * 区/县 — the districts one system serves (migration 0020). A district's streets, communities and
 * cells are those whose codes begin with its 6-digit code; this table gives it its names.
 */
export const districts = pgTable(
  "districts",
  {
    code: text("code").primaryKey(),
    nameZh: text("name_zh").notNull(),
    nameEn: text("name_en").notNull(),
    demo: boolean("demo").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("districts_code_6_digits", digits(t.code, 6))],
);
export type District = typeof districts.$inferSelect;
