import { pgEnum } from "drizzle-orm/pg-core";
import {
  EVENT_CATEGORIES,
  EVENT_SOURCES,
  EVENT_STATUSES,
  POI_CATEGORIES,
  PUBLICATION_STATUSES,
  REGISTRATION_STATUSES,
  ROAD_CLASSES,
  USER_ROLES,
  ZONE_CATEGORIES,
} from "../../lib/vocabulary";

// The database enums, built from the plain value lists in lib/vocabulary.ts (import those, not
// these, outside the schema). A relative import: drizzle-kit loads this file without path aliases.
export const userRole = pgEnum("user_role", USER_ROLES);
export const registrationStatus = pgEnum("registration_status", REGISTRATION_STATUSES);
export const zoneCategory = pgEnum("zone_category", ZONE_CATEGORIES);
export const publicationStatus = pgEnum("publication_status", PUBLICATION_STATUSES);
export const eventCategory = pgEnum("event_category", EVENT_CATEGORIES);
export const eventStatus = pgEnum("event_status", EVENT_STATUSES);
export const eventSource = pgEnum("event_source", EVENT_SOURCES);
export const poiCategory = pgEnum("poi_category", POI_CATEGORIES);
export const roadClass = pgEnum("road_class", ROAD_CLASSES);
