import { ZONE_CATEGORY_VALUES } from "../../lib/plans/zone-categories";
import { pgEnum } from "drizzle-orm/pg-core";

// Enum values are the API's snake_case vocabulary; UI labels live in lib/i18n.
export const userRole = pgEnum("user_role", ["admin", "planner", "commander", "street_office"]);
export const registrationStatus = pgEnum("registration_status", ["registered", "unregistered", "deregistered"]);
export const zoneCategory = pgEnum("zone_category", ZONE_CATEGORY_VALUES);
/** Shared by no-stall zones and guidance points: the planner workflow draft → active → retired. */
export const publicationStatus = pgEnum("publication_status", ["draft", "active", "retired"]);
export const eventCategory = pgEnum("event_category", [
  "stall_violation",
  "complaint",
  "fire_hazard",
  "unlicensed_business",
  "illegal_structure",
  "patrol_checkin",
  "inspection",
]);
export const eventStatus = pgEnum("event_status", ["open", "in_progress", "resolved", "closed"]);
export const eventSource = pgEnum("event_source", ["patrol", "hotline", "camera", "citizen_app", "import"]);
export const poiCategory = pgEnum("poi_category", ["school", "market", "transit_hub", "admin_centre", "hospital", "other"]);
export const roadClass = pgEnum("road_class", ["arterial", "secondary", "local"]);

export const EVENT_CATEGORIES = eventCategory.enumValues;
export type EventCategory = (typeof EVENT_CATEGORIES)[number];
export const ZONE_CATEGORIES = zoneCategory.enumValues;
export type ZoneCategory = (typeof ZONE_CATEGORIES)[number];
export const POI_CATEGORIES = poiCategory.enumValues;
export type PoiCategory = (typeof POI_CATEGORIES)[number];
export const USER_ROLES = userRole.enumValues;
export type UserRole = (typeof USER_ROLES)[number];
