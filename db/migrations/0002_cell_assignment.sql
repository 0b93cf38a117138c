-- Keep rental_buildings.grid_cell_id and events.grid_cell_id right from the point's location,
-- whatever writes the row (app, import, psql). Ties on a shared edge go to the lowest cell id
-- so the answer is deterministic.
CREATE FUNCTION grid_cell_at(p geometry) RETURNS integer
LANGUAGE sql STABLE AS $$
  SELECT c.id FROM grid_cells c WHERE ST_Covers(c.geom, p) ORDER BY c.id LIMIT 1
$$;
--> statement-breakpoint
CREATE FUNCTION assign_grid_cell() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.grid_cell_id := grid_cell_at(NEW.geom);
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER rental_buildings_assign_grid_cell
BEFORE INSERT OR UPDATE OF geom, grid_cell_id ON rental_buildings
FOR EACH ROW EXECUTE FUNCTION assign_grid_cell();
--> statement-breakpoint
CREATE TRIGGER events_assign_grid_cell
BEFORE INSERT OR UPDATE OF geom, grid_cell_id ON events
FOR EACH ROW EXECUTE FUNCTION assign_grid_cell();
--> statement-breakpoint
-- When a cell is drawn, moved or removed, re-assign the points it covered or now covers.
CREATE FUNCTION reassign_points_of_cell() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  area geometry;
BEGIN
  IF TG_OP = 'DELETE' THEN
    area := OLD.geom;
  ELSIF TG_OP = 'UPDATE' THEN
    area := ST_Union(OLD.geom, NEW.geom);
  ELSE
    area := NEW.geom;
  END IF;
  UPDATE rental_buildings SET grid_cell_id = NULL WHERE ST_Intersects(geom, area);
  UPDATE events SET grid_cell_id = NULL WHERE ST_Intersects(geom, area);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER grid_cells_reassign_points
AFTER INSERT OR UPDATE OF geom OR DELETE ON grid_cells
FOR EACH ROW EXECUTE FUNCTION reassign_points_of_cell();
--> statement-breakpoint
CREATE FUNCTION touch_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER grid_cells_touch BEFORE UPDATE ON grid_cells FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
--> statement-breakpoint
CREATE TRIGGER rental_buildings_touch BEFORE UPDATE ON rental_buildings FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
--> statement-breakpoint
CREATE TRIGGER no_stall_zones_touch BEFORE UPDATE ON no_stall_zones FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
--> statement-breakpoint
CREATE TRIGGER guidance_points_touch BEFORE UPDATE ON guidance_points FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
--> statement-breakpoint
-- The audit log is append-only: nobody, the application included, rewrites history.
CREATE FUNCTION audit_log_is_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();
