import { boolean, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** 责任单位: departments a case can be given to (migration 0016; admins edit the list). */
export const departments = pgTable("departments", {
  code: text("code").primaryKey(),
  nameZh: text("name_zh").notNull(),
  nameEn: text("name_en").notNull(),
  active: boolean("active").notNull().default(true),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
