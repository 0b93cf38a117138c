import { bigint, bigserial, boolean, date, integer, jsonb, pgTable, primaryKey, serial, text, timestamp, unique } from "drizzle-orm/pg-core";
import { registrationStatus } from "./enums";
import { events } from "./events";
import { rentalBuildings } from "./rental-buildings";
import { users } from "./users";

/**
 * The monthly work cycle (migration 0014; constraints, partial indexes and the history triggers
 * live there). Staff and buildings only: a check never records who lives in a building.
 */

/** 出租房屋检查: one visit to a building, with what it found for each of the five rules. */
export const buildingChecks = pgTable("building_checks", {
  id: serial("id").primaryKey(),
  buildingId: integer("building_id").notNull().references(() => rentalBuildings.id, { onDelete: "cascade" }),
  checkedOn: date("checked_on").notNull(),
  checkedBy: integer("checked_by").references(() => users.id, { onDelete: "set null" }),
  /** The staff account's name when it checked (kept if the account is removed). */
  checkedByName: text("checked_by_name").notNull(),
  meetsRentalConditions: boolean("meets_rental_conditions").notNull(),
  illegalStructure: boolean("illegal_structure").notNull(),
  fireHazard: boolean("fire_hazard").notNull(),
  noTitle: boolean("no_title").notNull(),
  otherSafetyHazard: boolean("other_safety_hazard").notNull(),
  letterSigned: boolean("letter_signed").notNull(),
  letterSignedOn: date("letter_signed_on"),
  rentedUnits: integer("rented_units").notNull(),
  empty: boolean("empty").notNull(),
  note: text("note").notNull().default(""),
  /** The `inspection` event the check recorded at the building's point (for incident analysis). */
  eventId: bigint("event_id", { mode: "number" }).references(() => events.id, { onDelete: "set null" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** 停租整治: a broken rule on a rented building, open until a later check finds it cleared. */
export const rectifications = pgTable("rectifications", {
  id: serial("id").primaryKey(),
  buildingId: integer("building_id").notNull().references(() => rentalBuildings.id, { onDelete: "cascade" }),
  rule: text("rule").notNull(),
  openedByCheckId: integer("opened_by_check_id").notNull().references(() => buildingChecks.id, { onDelete: "cascade" }),
  openedOn: date("opened_on").notNull(),
  dueOn: date("due_on").notNull(),
  closedByCheckId: integer("closed_by_check_id").references(() => buildingChecks.id, { onDelete: "set null" }),
  closedOn: date("closed_on"),
});

/** What the register said about a building from when to when (kept by triggers). */
export const rentalBuildingHistory = pgTable("rental_building_history", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  buildingId: integer("building_id").notNull(),
  gridCellId: integer("grid_cell_id"),
  registrationStatus: registrationStatus("registration_status").notNull(),
  units: integer("units").notNull(),
  rentedUnits: integer("rented_units").notNull(),
  responsibilityLetterSigned: boolean("responsibility_letter_signed").notNull(),
  lastInspectedOn: date("last_inspected_on"),
  rentable: boolean("rentable").notNull(),
  validFrom: timestamp("valid_from", { withTimezone: true }).notNull(),
  validTo: timestamp("valid_to", { withTimezone: true }),
  /** The transaction that opened the period (a second change in it rewrites the period). */
  tx: bigint("tx", { mode: "number" }).notNull(),
});

/** A month whose figures are frozen, with the targets in force at its end. */
export const monthlyFreezes = pgTable("monthly_freezes", {
  month: date("month").primaryKey(),
  frozenAt: timestamp("frozen_at", { withTimezone: true }).notNull().defaultNow(),
  frozenBy: text("frozen_by").notNull(),
  /** The targets that applied to every district; district_targets: a district's own, by code. */
  targets: jsonb("targets").notNull(),
  districtTargets: jsonb("district_targets").notNull().default({}),
  parameters: jsonb("parameters").notNull(),
});

/** A frozen month's numerator and denominator per metric, per unit. */
export const monthlyFigures = pgTable(
  "monthly_figures",
  {
    month: date("month").notNull().references(() => monthlyFreezes.month, { onDelete: "cascade" }),
    unit: text("unit").notNull(),
    code: text("code").notNull(),
    streetCode: text("street_code").notNull(),
    tallies: jsonb("tallies").notNull(),
  },
  (t) => [primaryKey({ name: "monthly_figures_pk", columns: [t.month, t.unit, t.code] })],
);

/** District settings other than coverage targets, each from a date on. */
export const districtSettings = pgTable(
  "district_settings",
  {
    id: serial("id").primaryKey(),
    /** The district it applies to; null: every district without a value of its own. */
    districtCode: text("district_code"),
    key: text("key").notNull(),
    value: jsonb("value").notNull(),
    validFrom: date("valid_from").notNull(),
    note: text("note").notNull().default(""),
    recordedBy: text("recorded_by").notNull(),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("district_settings_scope_key_from").on(t.districtCode, t.key, t.validFrom).nullsNotDistinct()],
);

/** The first result of each write sent with an Idempotency-Key, per account. */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    owner: text("owner").notNull(),
    key: text("key").notNull(),
    request: text("request").notNull(),
    status: integer("status").notNull(),
    body: jsonb("body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: "idempotency_keys_pk", columns: [t.owner, t.key] })],
);
