/**
 * The district's fixed vocabularies, as plain values any module can import, the browser's too:
 * db/schema/enums.ts builds the database enums from these lists, so client components never pull
 * Drizzle's pgEnum builder into their bundle. Values are the API's snake_case words; their labels
 * in each language live in lib/i18n. Adding a value needs a migration (ALTER TYPE … ADD VALUE).
 */

export const USER_ROLES = ["admin", "planner", "commander", "street_office", "grid_worker"] as const;
export type UserRole = (typeof USER_ROLES)[number];
/** Roles that belong to one street: a street office (街道), a grid worker (网格员, migration 0017). */
export const STREET_ROLES: readonly UserRole[] = ["street_office", "grid_worker"];
export const isStreetRole = (role: UserRole | undefined): boolean => role !== undefined && STREET_ROLES.includes(role);

export const REGISTRATION_STATUSES = ["registered", "unregistered", "deregistered"] as const;

/** The kinds of no-stall zone; the last three were added by migration 0015. */
export const ZONE_CATEGORIES = [
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
export type ZoneCategory = (typeof ZONE_CATEGORIES)[number];

/** Shared by no-stall zones and guidance points: the planner workflow draft → active → retired. */
export const PUBLICATION_STATUSES = ["draft", "active", "retired"] as const;

export const EVENT_CATEGORIES = [
  "stall_violation",
  "complaint",
  "fire_hazard",
  "unlicensed_business",
  "illegal_structure",
  "patrol_checkin",
  "inspection",
] as const;
export type EventCategory = (typeof EVENT_CATEGORIES)[number];

/** The case flow (migration 0016): reported → assigned → in_progress → resolved → verified. */
export const EVENT_STATUSES = ["reported", "assigned", "in_progress", "resolved", "verified"] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];
/** Events that are cases someone must answer for; patrol check-ins and inspections are records of work. */
export const CASE_CATEGORIES = ["stall_violation", "complaint", "fire_hazard", "unlicensed_business", "illegal_structure"] as const;
export type CaseCategory = (typeof CASE_CATEGORIES)[number];
export const isCaseCategory = (category: string): category is CaseCategory => (CASE_CATEGORIES as readonly string[]).includes(category);

export const ALERT_KINDS = ["new_hotspot", "intensifying_hotspot", "consecutive_hotspot", "area_overdue", "cases_overdue"] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];
export const EVENT_SOURCES = ["patrol", "hotline", "camera", "citizen_app", "import"] as const;

export const POI_CATEGORIES = ["school", "market", "transit_hub", "admin_centre", "hospital", "other"] as const;
export type PoiCategory = (typeof POI_CATEGORIES)[number];

export const ROAD_CLASSES = ["arterial", "secondary", "local"] as const;
