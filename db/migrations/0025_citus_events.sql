-- On a Citus coordinator (issue #20), events are the bulk of a city's data: they are distributed
-- across the workers by id, with the tables that hang off one event (its H3 cells, its place in
-- the H3 queue, its photo) co-located with it, so an event's rows always sit on one node. Every
-- other table stays a plain table on the coordinator. On one server (and in the embedded
-- database) this migration only adds events_distributed(), which answers false there.
--
-- Citus runs no trigger of a distributed table on the coordinator, and a worker's shard cannot
-- see the coordinator's tables (grid cells, the week table, layer versions). So on Citus the five
-- events triggers are dropped and their work is done by the writers on the coordinator
-- (lib/register/event-writes.ts): they file each event into its cell as they insert it, then add
-- the week-table counts, queue the H3 cells and bump the layer version. When grid cells change, a
-- statement trigger on grid_cells files the events in the changed area again (refile_events_in).
-- Foreign keys between the distributed events and the coordinator's tables are dropped (Citus
-- allows neither direction); those inside the events family stay.
CREATE FUNCTION events_distributed() RETURNS boolean
LANGUAGE plpgsql STABLE AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
    RETURN false;
  END IF;
  RETURN EXISTS (SELECT 1 FROM pg_dist_partition WHERE logicalrelid = 'events'::regclass);
END
$$;
--> statement-breakpoint
-- The bump of the events layer version, as the 0003 trigger makes it (writers on Citus call it
-- through lib/register/event-writes.ts).
CREATE FUNCTION bump_events_layer() RETURNS void
LANGUAGE sql AS $$
  INSERT INTO layer_versions (layer, version, changed_at) VALUES ('events', nextval('layer_version_seq'), now())
  ON CONFLICT (layer) DO UPDATE SET version = excluded.version, changed_at = now();
$$;
--> statement-breakpoint
-- After many events were written or removed at once (the seed, a city's copy, the demo's removal,
-- a restore): the week table counted again from the events, every filed event without H3 cells
-- queued, the layer version bumped. What the triggers would have done row by row.
CREATE FUNCTION events_rewritten() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM rebuild_event_cell_weeks();
  INSERT INTO event_h3_pending (event_id)
  SELECT e.id FROM events e
  WHERE e.grid_cell_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM event_h3 h WHERE h.event_id = e.id)
  ON CONFLICT DO NOTHING;
  PERFORM bump_events_layer();
END
$$;
--> statement-breakpoint
-- File the events lying in `area` (a box) into their cells again, on the coordinator: read them from the
-- workers, compute their cells here (grid_cell_at reads the coordinator's grid_cells), write back
-- the ones that moved by id, and keep the week table and the H3 queue as the triggers would.
CREATE FUNCTION refile_events_in(area geometry) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF area IS NULL THEN
    RETURN;
  END IF;
  -- H3 filling reads events' places without row locks on Citus and takes this lock instead
  -- (lib/analytics/event-h3.ts): a place is never read while its event is being filed again.
  PERFORM pg_advisory_xact_lock(20250025);
  CREATE TEMP TABLE IF NOT EXISTS refiled_events (
    id bigint PRIMARY KEY, geom geometry, occurred_at timestamptz, category event_category,
    old_cell integer, new_cell integer
  ) ON COMMIT DROP;
  TRUNCATE refiled_events;
  INSERT INTO refiled_events (id, geom, occurred_at, category, old_cell)
  SELECT id, geom, occurred_at, category, grid_cell_id FROM events WHERE geom && area;
  UPDATE refiled_events SET new_cell = grid_cell_at(geom);
  DELETE FROM refiled_events WHERE new_cell IS NOT DISTINCT FROM old_cell;
  IF NOT EXISTS (SELECT 1 FROM refiled_events) THEN
    RETURN;
  END IF;
  UPDATE events e SET grid_cell_id = r.new_cell FROM refiled_events r WHERE e.id = r.id;
  INSERT INTO event_cell_weeks AS w (grid_cell_id, week, category, n)
  SELECT cell, week, category, sum(d)::int FROM (
    SELECT old_cell AS cell, event_week(occurred_at) AS week, category, -1 AS d FROM refiled_events WHERE old_cell IS NOT NULL
    UNION ALL
    SELECT new_cell, event_week(occurred_at), category, 1 FROM refiled_events WHERE new_cell IS NOT NULL
  ) x GROUP BY 1, 2, 3 HAVING sum(d) <> 0
  ON CONFLICT (grid_cell_id, week, category) DO UPDATE SET n = w.n + excluded.n;
  DELETE FROM event_cell_weeks WHERE n <= 0;
  DELETE FROM event_h3 WHERE event_id IN (SELECT id FROM refiled_events);
  INSERT INTO event_h3_pending (event_id) SELECT id FROM refiled_events ON CONFLICT DO NOTHING;
  PERFORM bump_events_layer();
END
$$;
--> statement-breakpoint
-- The cells changed by one statement, as the box around them: every event in it is looked at
-- again and grid_cell_at says where it belongs (cells may overlap while being redrawn, so no
-- union or collection of them is a valid area to test against).
CREATE FUNCTION refile_events_of_new_cells() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refile_events_in((SELECT ST_SetSRID(ST_Extent(geom)::geometry, 4326) FROM new_cells));
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION refile_events_of_old_cells() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refile_events_in((SELECT ST_SetSRID(ST_Extent(geom)::geometry, 4326) FROM old_cells));
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION refile_events_of_moved_cells() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  -- Only cells whose outline changed (a new worker or name moves no event): before and after.
  PERFORM refile_events_in((
    SELECT ST_SetSRID(ST_Extent(g)::geometry, 4326) FROM old_cells o JOIN new_cells n ON n.id = o.id,
      LATERAL (VALUES (o.geom), (n.geom)) AS both_outlines (g)
    WHERE o.geom IS DISTINCT FROM n.geom));
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- Called by migrateDatabase after the migrations have committed (lib/db/migrate.ts): Citus cannot
-- distribute a table whose sequence was made in the same transaction (a fresh database's
-- migrations run in one). Does nothing on one server, or when events are distributed already.
CREATE FUNCTION distribute_events_on_citus() RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  family regclass[] := ARRAY['events', 'event_h3', 'event_h3_pending', 'event_photos']::regclass[];
  fk record;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
    RETURN;
  END IF;
  IF events_distributed() THEN
    RETURN;
  END IF;
  -- The triggers whose work the writers now do (0002, 0003, 0004, 0011).
  DROP TRIGGER events_assign_grid_cell ON events;
  DROP TRIGGER events_layer_version ON events;
  DROP TRIGGER events_cell_weeks_insert ON events;
  DROP TRIGGER events_cell_weeks_delete ON events;
  DROP TRIGGER events_cell_weeks_update ON events;
  DROP TRIGGER events_cell_weeks_truncate ON events;
  DROP TRIGGER events_h3_queue_new ON events;
  DROP TRIGGER events_h3_requeue_changed ON events;
  -- Foreign keys that cross between the events family and the coordinator's tables.
  FOR fk IN
    SELECT conname, conrelid::regclass AS tbl FROM pg_constraint
    WHERE contype = 'f' AND ((conrelid = ANY (family)) <> (confrelid = ANY (family)))
  LOOP
    EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', fk.tbl, fk.conname);
  END LOOP;
  -- Cells drawn, moved or removed: their events are filed again from the coordinator (the row
  -- trigger of 0002 still re-files rental buildings, which stay on the coordinator).
  CREATE OR REPLACE FUNCTION reassign_points_of_cell() RETURNS trigger
  LANGUAGE plpgsql AS $f$
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
    RETURN NULL;
  END
  $f$;
  CREATE TRIGGER grid_cells_refile_events_insert AFTER INSERT ON grid_cells REFERENCING NEW TABLE AS new_cells
  FOR EACH STATEMENT EXECUTE FUNCTION refile_events_of_new_cells();
  CREATE TRIGGER grid_cells_refile_events_delete AFTER DELETE ON grid_cells REFERENCING OLD TABLE AS old_cells
  FOR EACH STATEMENT EXECUTE FUNCTION refile_events_of_old_cells();
  CREATE TRIGGER grid_cells_refile_events_update AFTER UPDATE ON grid_cells REFERENCING OLD TABLE AS old_cells NEW TABLE AS new_cells
  FOR EACH STATEMENT EXECUTE FUNCTION refile_events_of_moved_cells();
  PERFORM create_distributed_table('events', 'id');
  PERFORM create_distributed_table('event_h3', 'event_id', colocate_with => 'events');
  PERFORM create_distributed_table('event_h3_pending', 'event_id', colocate_with => 'events');
  PERFORM create_distributed_table('event_photos', 'event_id', colocate_with => 'events');
END
$$;
