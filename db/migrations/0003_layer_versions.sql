-- A version number per map layer, bumped by every statement that changes the layer's table.
-- Tile ETags and caches key on it, so a committed edit is visible in the next tile request.
-- Versions come from a sequence, which never hands out a number twice: a rolled-back change
-- cannot leave a cache entry that a later, different change would hit under the same version.
CREATE SEQUENCE layer_version_seq;
--> statement-breakpoint
CREATE TABLE layer_versions (
  layer text PRIMARY KEY,
  version bigint NOT NULL DEFAULT 0,
  changed_at timestamptz NOT NULL DEFAULT now()
);
--> statement-breakpoint
CREATE FUNCTION bump_layer_version() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO layer_versions (layer, version, changed_at) VALUES (TG_ARGV[0], nextval('layer_version_seq'), now())
  ON CONFLICT (layer) DO UPDATE SET version = excluded.version, changed_at = now();
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER streets_layer_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON streets FOR EACH STATEMENT EXECUTE FUNCTION bump_layer_version('streets');
--> statement-breakpoint
CREATE TRIGGER communities_layer_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON communities FOR EACH STATEMENT EXECUTE FUNCTION bump_layer_version('communities');
--> statement-breakpoint
CREATE TRIGGER grid_cells_layer_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON grid_cells FOR EACH STATEMENT EXECUTE FUNCTION bump_layer_version('grid-cells');
--> statement-breakpoint
CREATE TRIGGER rental_buildings_layer_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON rental_buildings FOR EACH STATEMENT EXECUTE FUNCTION bump_layer_version('rental-buildings');
--> statement-breakpoint
CREATE TRIGGER no_stall_zones_layer_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON no_stall_zones FOR EACH STATEMENT EXECUTE FUNCTION bump_layer_version('no-stall-zones');
--> statement-breakpoint
CREATE TRIGGER guidance_points_layer_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON guidance_points FOR EACH STATEMENT EXECUTE FUNCTION bump_layer_version('guidance-points');
--> statement-breakpoint
CREATE TRIGGER events_layer_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON events FOR EACH STATEMENT EXECUTE FUNCTION bump_layer_version('events');
--> statement-breakpoint
CREATE TRIGGER pois_layer_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON pois FOR EACH STATEMENT EXECUTE FUNCTION bump_layer_version('pois');
