/**
 * What a backup holds, in the order a restore writes it (parents before the rows that refer to
 * them). One list, so adding a table without deciding whether it is backed up fails a test
 * (backup.db.test.ts compares it with the database's tables).
 */
export const BACKUP_TABLES = [
  "district_boundary",
  "districts",
  "streets",
  "communities",
  "users",
  "departments",
  "grid_cells",
  "building_footprints",
  "rental_buildings",
  "no_stall_zones",
  "guidance_points",
  "events",
  "event_photos",
  "pois",
  "roads",
  "audit_log",
  "dataset_meta",
  "sessions",
  "api_tokens",
  "sign_in_failures",
  "plan_versions",
  "imports",
  "import_rows",
  "coverage_targets",
  "building_checks",
  "rectifications",
  "rental_building_history",
  "monthly_freezes",
  "monthly_figures",
  "district_settings",
  "idempotency_keys",
  "supervised_areas",
  "supervised_area_cells",
  "alerts",
] as const;

/**
 * Tables a restore rebuilds by itself: triggers on the tables above refill them as rows arrive,
 * so copying them too would count every event twice.
 */
export const DERIVED_TABLES = {
  layer_versions: "tile cache versions, bumped by triggers on every layer table",
  tile_cache: "tiles kept across restarts, made again on request",
  event_cell_weeks: "per-cell weekly event counts, kept by triggers on events",
  event_h3: "each event's H3 cells, computed again by the next hexagon analysis",
  event_h3_pending: "events whose H3 cells are still to be computed, queued by triggers on events",
} as const;

/** PostGIS's own table, created with the extension. */
export const EXTENSION_TABLES = ["spatial_ref_sys"] as const;

/**
 * Tables a migration fills with a default list (0016: the usual departments). A new database is
 * "empty" with them in it; a restore replaces them with the backup's rows when the backup has the
 * table, and keeps the defaults when it comes from before the table existed.
 */
export const MIGRATION_FILLED_TABLES: ReadonlySet<string> = new Set(["departments"]);
