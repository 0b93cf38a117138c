/**
 * The kinds of no-stall zone, as plain values the browser can import (db/schema/enums.ts builds
 * the database enum from the same list; a schema test keeps the two equal).
 */
export const ZONE_CATEGORY_VALUES = [
  "main_road",
  "admin_centre",
  "commercial_core",
  "historic_block",
  "school_surroundings",
  "other",
  "hospital_surroundings",
  "market_surroundings",
  "transit_hub_surroundings",
] as const;
export type ZoneCategory = (typeof ZONE_CATEGORY_VALUES)[number];
