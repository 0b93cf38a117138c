import type { UserRole } from "@/lib/vocabulary";

/**
 * What each role may do. One table, read by authorize(); the authorization matrix test
 * (e2e/api/authorization.spec.ts) checks every route against it.
 *
 * - read:register   grid cells, rental buildings, events (street offices: own street only)
 * - read:plans      no-stall zones and guidance points
 * - read:context    streets, communities, POIs, roads, the district's extent
 * - read:analytics  density, coverage, hot spots, trends (street offices: own street only)
 * - edit:register   change grid cells, rental buildings, events (own street only)
 * - edit:plans      create, edit, publish, retire zones and guidance points
 * - import          bulk imports of the register and plans
 * - setup:district  set the district up: boundary, streets, communities, grid cells (imports)
 * - manage:users    users and API tokens
 * - read:audit      the audit log
 * - read:alerts     the alert list (street offices: their street's)
 * - manage:cases    assign cases across the district, verify or reject answers, open and accept
 *                   supervised areas, run the alert check (the command centre)
 * - read:field      a grid worker's own cells, their buildings and open items (/field)
 * - record:field    record building checks, events and patrol check-ins, upload an event's photo
 *                   (street offices: own street; grid workers: own cells only)
 *
 * A grid worker holds only the two field permissions: every district or street view (tiles,
 * analytics, lists, OGC) refuses it, and what it reads and writes is limited to its cells.
 */
export const PERMISSIONS = [
  "read:register",
  "read:plans",
  "read:context",
  "read:analytics",
  "edit:register",
  "edit:plans",
  "import",
  "setup:district",
  "manage:users",
  "read:audit",
  "manage:cases",
  "read:alerts",
  "read:field",
  "record:field",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const READ_ALL: Permission[] = ["read:register", "read:plans", "read:context", "read:analytics"];

export const ROLE_PERMISSIONS: Record<UserRole, readonly Permission[]> = {
  admin: [...READ_ALL, "setup:district", "manage:users", "read:audit", "read:alerts"],
  planner: [...READ_ALL, "edit:plans", "import"],
  commander: [...READ_ALL, "manage:cases", "read:alerts"],
  street_office: [...READ_ALL, "edit:register", "record:field", "read:alerts"],
  grid_worker: ["read:field", "record:field"],
};
