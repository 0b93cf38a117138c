import { boolean, date, doublePrecision, pgTable, serial, text, timestamp, unique } from "drizzle-orm/pg-core";

/** A coverage target and where it comes from, from a date on (the district's settings, with history). */
export const coverageTargets = pgTable(
  "coverage_targets",
  {
    id: serial("id").primaryKey(),
    /** The district it applies to; null: every district without a target of its own. */
    districtCode: text("district_code"),
    metric: text("metric").notNull(),
    value: doublePrecision("value").notNull(),
    validFrom: date("valid_from").notNull(),
    sourceTitle: text("source_title"),
    sourceNumber: text("source_number"),
    sourceDate: date("source_date"),
    /** No document sets it: the district chose it. */
    ownChoice: boolean("own_choice").notNull().default(false),
    note: text("note").notNull().default(""),
    recordedBy: text("recorded_by").notNull(),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("coverage_targets_scope_metric_from").on(t.districtCode, t.metric, t.validFrom).nullsNotDistinct()],
);
