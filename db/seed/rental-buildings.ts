import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/types";
import { insertJsonRows, type CellInfo } from "./context";
import { randomPointIn, round7, type LonLat } from "./geometry";
import { apportionRandomly } from "./apportion";
import type { Random } from "./prng";
import type { Scale } from "./scales";
import { daysBefore } from "./zones";

const LANES = ["巷", "弄", "路", "街"];

export interface BuildingPoint {
  at: LonLat;
  units: number;
  cellIndex: number;
}

/**
 * Rental buildings: dense in the centre and in urban villages, sparse in rural towns.
 * Each cell gets its own "management quality", so registration and responsibility-letter
 * rates vary by cell (some cells fall far below the 95% target), as in real registers.
 */
export async function seedRentalBuildings(
  db: Db,
  random: Random,
  scale: Scale,
  cells: CellInfo[],
  anchor: Date,
): Promise<BuildingPoint[]> {
  const weights = cells.map((c) => c.km2 * (8 + 260 * Math.pow(c.urban, 2)) * (c.urbanVillage ? 3 : 1));
  const perCell = apportionRandomly(random, scale.rentalBuildings, weights);
  const buildings: BuildingPoint[] = [];
  const rows: object[] = [];
  for (const [index, cell] of cells.entries()) {
    const count = perCell[index] as number;
    if (count === 0) continue;
    // Cell-level management quality: most cells near target, one in seven well below it.
    const lagging = random.chance(0.14);
    const registrationRate = lagging ? random.between(0.55, 0.88) : random.between(0.93, 1);
    const letterRate = lagging ? random.between(0.7, 0.95) : random.between(0.97, 1);
    const inspectionGapDays = lagging ? random.between(35, 120) : random.between(10, 40);
    const hazardFactor = cell.urbanVillage ? 4 : 1;
    for (let k = 0; k < count; k++) {
      const at = randomPointIn(random, cell.area, cell.box);
      const units = cell.urbanVillage ? random.int(4, 40) : random.chance(0.6) ? random.int(1, 6) : random.int(6, 30);
      const rentedUnits = Math.min(units, Math.round(units * random.between(0.4, 1)));
      const roll = random.next();
      const status = roll < registrationRate ? "registered" : roll < registrationRate + 0.03 ? "deregistered" : "unregistered";
      buildings.push({ at, units, cellIndex: index });
      rows.push({
        code: `${cell.code}-${String(k + 1).padStart(4, "0")}`,
        address: `${cell.streetNameZh}${cell.communityNameZh}${random.int(1, 60)}${random.pick(LANES)}${random.int(1, 120)}号`,
        x: round7(at[0]),
        y: round7(at[1]),
        units,
        rented: status === "deregistered" ? 0 : rentedUnits,
        status,
        letter: random.chance(letterRate),
        inspected: random.chance(0.97) ? daysBefore(anchor, Math.floor(random.between(0, inspectionGapDays * 2))) : null,
        conditions: !random.chance(0.01 * hazardFactor),
        fire: random.chance(0.015 * hazardFactor),
        illegal: random.chance(0.01 * hazardFactor),
        no_title: random.chance(0.008 * hazardFactor),
        other: random.chance(0.008 * hazardFactor),
        occupants: status === "registered" ? Math.round(rentedUnits * random.between(1, 3)) : 0,
      });
    }
  }
  await insertJsonRows(
    db,
    rows,
    (json) => sql`
      insert into rental_buildings (code, address, geom, units, rented_units, registration_status,
        responsibility_letter_signed, last_inspected_on, meets_rental_conditions, fire_hazard,
        illegal_structure, no_title, other_safety_hazard, registered_occupant_count, letter_signed_on)
      select code, address, ST_SetSRID(ST_MakePoint(x, y), 4326), units, rented, status::registration_status,
        letter, inspected, conditions, fire, illegal, no_title, other, occupants, case when letter then inspected end
      from json_to_recordset(${json}::json) as t(code text, address text, x float8, y float8, units int,
        rented int, status text, letter boolean, inspected date, conditions boolean, fire boolean,
        illegal boolean, no_title boolean, other boolean, occupants int)`,
  );
  return buildings;
}
