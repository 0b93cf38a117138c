import { bigserial, index, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Recent failed sign-ins, per account (`account:<email>`) and per address (`address:<ip>`), for
 * throttling. Kept in the database so every app instance sees the same counts; old rows are
 * pruned as new ones arrive.
 */
export const signInFailures = pgTable(
  "sign_in_failures",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    key: text("key").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("sign_in_failures_key_at_idx").on(t.key, t.at)],
);
