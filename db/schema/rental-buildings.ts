import { sql } from "drizzle-orm";
import { buildingFootprints } from "./building-footprints";
import { boolean, check, date, index, integer, pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";
import { validGeometry } from "./checks";
import { registrationStatus } from "./enums";
import { geometry } from "./geometry";
import { gridCells } from "./grid-cells";

/**
 * 出租房屋 — a rental building in the register. Occupants appear only as a count:
 * Grid Atlas never stores who lives anywhere.
 */
export const rentalBuildings = pgTable(
  "rental_buildings",
  {
    id: serial("id").primaryKey(),
    code: text("code").notNull().unique(),
    address: text("address").notNull(),
    geom: geometry("geom", "Point").notNull(),
    footprint: geometry("footprint", "MultiPolygon"),
    units: integer("units").notNull(),
    rentedUnits: integer("rented_units").notNull().default(0),
    registrationStatus: registrationStatus("registration_status").notNull().default("unregistered"),
    responsibilityLetterSigned: boolean("responsibility_letter_signed").notNull().default(false),
    lastInspectedOn: date("last_inspected_on"),
    // The five rules (五个一律), one flag each: ① meets rental conditions, ② illegal structure,
    // ③ fire hazard → may not be rented; ④ no title → no business licence; ⑤ a safety hazard →
    // renting suspended until a clearing check (a rectification, lib/checks).
    meetsRentalConditions: boolean("meets_rental_conditions").notNull().default(true),
    fireHazard: boolean("fire_hazard").notNull().default(false),
    illegalStructure: boolean("illegal_structure").notNull().default(false),
    noTitle: boolean("no_title").notNull().default(false),
    otherSafetyHazard: boolean("other_safety_hazard").notNull().default(false),
    /** Derived (migration 0014): rules ①②③ and an open ⑤ suspension; ④ does not bar renting. */
    rentable: boolean("rentable")
      .notNull()
      .generatedAlwaysAs(sql`meets_rental_conditions AND NOT illegal_structure AND NOT fire_hazard AND NOT other_safety_hazard`),
    /** Derived: 'barred' (①②③), 'suspended' (⑤ only, until fixed) or 'allowed'. */
    rentalStatus: text("rental_status")
      .notNull()
      .generatedAlwaysAs(
        sql`CASE WHEN NOT meets_rental_conditions OR illegal_structure OR fire_hazard THEN 'barred' WHEN other_safety_hazard THEN 'suspended' ELSE 'allowed' END`,
      ),
    /** Derived: rule ④ — a business licence may be issued only with title papers. */
    licenceAllowed: boolean("licence_allowed").notNull().generatedAlwaysAs(sql`NOT no_title`),
    letterSignedOn: date("letter_signed_on"),
    /** The first check that found it empty, while it stays empty (three months: a deregistration candidate). */
    emptySince: date("empty_since"),
    registeredOccupantCount: integer("registered_occupant_count").notNull().default(0),
    /** Maintained by a trigger (migration 0002) from the point's location; never trusted from input. */
    gridCellId: integer("grid_cell_id").references(() => gridCells.id, { onDelete: "set null" }),
    /** The building outline the point stands in, kept by triggers (migration 0012); null when none is known. */
    footprintId: integer("footprint_id").references(() => buildingFootprints.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("rental_buildings_geom_gist").using("gist", t.geom),
    index("rental_buildings_grid_cell_idx").on(t.gridCellId),
    index("rental_buildings_footprint_idx").on(t.footprintId),
    check("rental_buildings_geom_valid", validGeometry(t.geom)),
    check("rental_buildings_footprint_valid", sql`${t.footprint} IS NULL OR ST_IsValid(${t.footprint})`),
    check("rental_buildings_units", sql`${t.units} >= 0 AND ${t.rentedUnits} >= 0 AND ${t.rentedUnits} <= ${t.units}`),
    check("rental_buildings_occupants", sql`${t.registeredOccupantCount} >= 0`),
  ],
);
export type RentalBuilding = typeof rentalBuildings.$inferSelect;
