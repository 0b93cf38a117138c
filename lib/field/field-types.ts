import type { FeatureCollection, MultiPolygon } from "geojson";

/** The field app's data (GET /api/field/today), shared by the server and the phone. */

/** How many days ahead a rectification's deadline counts as near. */
export const NEAR_DEADLINE_DAYS = 7;

/** A building as the field app needs it: where it is, what the last check found, and its version. */
export interface FieldBuilding {
  code: string;
  address: string;
  grid_cell_code: string;
  lon: number;
  lat: number;
  units: number;
  rented_units: number;
  empty: boolean;
  letter_signed: boolean;
  meets_rental_conditions: boolean;
  illegal_structure: boolean;
  fire_hazard: boolean;
  no_title: boolean;
  other_safety_hazard: boolean;
  last_inspected_on: string | null;
  /** Not yet checked this month (每月核对). */
  due: boolean;
  /** For If-Match: a check is refused when the building changed after the app read it. */
  version: string;
}

export interface FieldRectification {
  building_code: string;
  address: string;
  rule: string;
  due_on: string;
  /** Negative when overdue. */
  days_left: number;
}

export interface FieldCase {
  id: number;
  category: string;
  status: string;
  occurred_at: string;
  due_on: string | null;
  overdue: boolean;
  note: string;
  grid_cell_code: string | null;
  lon: number;
  lat: number;
}

export interface FieldToday {
  today: string;
  street: { code: string; name_zh: string; name_en: string };
  cells: FeatureCollection<MultiPolygon, { code: string; name: string }>;
  buildings: FieldBuilding[];
  rectifications: FieldRectification[];
  cases: FieldCase[];
}
