import { sql } from "drizzle-orm";
import { bigint, bigserial, check, customType, date, index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { validGeometry } from "./checks";
import { eventCategory, eventSource, eventStatus } from "./enums";
import { geometry } from "./geometry";
import { departments } from "./departments";
import { gridCells } from "./grid-cells";
import { users } from "./users";

/** 事件 — something that happened at a place. Events describe places, never persons. */
export const events = pgTable(
  "events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    geom: geometry("geom", "Point").notNull(),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull(),
    category: eventCategory("category").notNull(),
    status: eventStatus("status").notNull().default("reported"),
    source: eventSource("source").notNull(),
    /** Maintained by a trigger (migration 0002) from the point's location. */
    gridCellId: integer("grid_cell_id").references(() => gridCells.id, { onDelete: "set null" }),
    /** The case (migration 0016): who answers for it, by when, when it was resolved. */
    departmentCode: text("department_code").references(() => departments.code, { onUpdate: "cascade" }),
    dueOn: date("due_on"),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    /** What the reporter saw, in words (migration 0017): places and findings, never persons. */
    note: text("note").notNull().default(""),
  },
  (t) => [
    index("events_geom_gist").using("gist", t.geom),
    // Time-window queries filter by category first, then range-scan time.
    index("events_category_time_idx").on(t.category, t.occurredAt),
    index("events_time_idx").on(t.occurredAt),
    index("events_grid_cell_time_idx").on(t.gridCellId, t.occurredAt),
    check("events_geom_valid", validGeometry(t.geom)),
    check("events_note_length", sql`char_length(${t.note}) <= 500`),
  ],
);
export type Event = typeof events.$inferSelect;

const bytea = customType<{ data: Buffer }>({ dataType: () => "bytea" });

/**
 * An event's photo (migration 0017), one per event: re-encoded as JPEG on upload, so no location
 * or camera metadata is kept; staff see it, the public interfaces never do.
 */
export const eventPhotos = pgTable(
  "event_photos",
  {
    eventId: bigint("event_id", { mode: "number" })
      .primaryKey()
      .references(() => events.id, { onDelete: "cascade" }),
    contentType: text("content_type").notNull(),
    width: integer("width").notNull(),
    height: integer("height").notNull(),
    bytes: bytea("bytes").notNull(),
    /** The staff account that uploaded it: only it may replace the photo. */
    uploadedBy: integer("uploaded_by").references(() => users.id, { onDelete: "set null" }),
    uploadedAt: timestamp("uploaded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("event_photos_type", sql`${t.contentType} = 'image/jpeg'`),
    check("event_photos_size", sql`octet_length(${t.bytes}) <= 4000000`),
  ],
);
