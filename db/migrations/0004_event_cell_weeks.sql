-- Events counted per grid cell, week (Monday, China time) and category, kept up to date by
-- statement-level triggers with transition tables on every insert, update and delete of events.
-- Analytics and low-zoom tiles read this instead of scanning millions of events. Derived data:
-- no foreign keys, rebuilt by `SELECT rebuild_event_cell_weeks()` if ever in doubt.
CREATE TABLE event_cell_weeks (
  grid_cell_id integer NOT NULL,
  week date NOT NULL,
  category event_category NOT NULL,
  n integer NOT NULL,
  PRIMARY KEY (grid_cell_id, week, category)
);
--> statement-breakpoint
CREATE INDEX event_cell_weeks_week_idx ON event_cell_weeks (week, category);
--> statement-breakpoint
CREATE FUNCTION event_week(t timestamptz) RETURNS date
LANGUAGE sql IMMUTABLE AS $$ SELECT date_trunc('week', t AT TIME ZONE 'Asia/Shanghai')::date $$;
--> statement-breakpoint
CREATE FUNCTION event_cell_weeks_add_new() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO event_cell_weeks AS w (grid_cell_id, week, category, n)
  SELECT grid_cell_id, event_week(occurred_at), category, count(*)::int
  FROM new_rows WHERE grid_cell_id IS NOT NULL GROUP BY 1, 2, 3
  ON CONFLICT (grid_cell_id, week, category) DO UPDATE SET n = w.n + excluded.n;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION event_cell_weeks_remove_old() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO event_cell_weeks AS w (grid_cell_id, week, category, n)
  SELECT grid_cell_id, event_week(occurred_at), category, -count(*)::int
  FROM old_rows WHERE grid_cell_id IS NOT NULL GROUP BY 1, 2, 3
  ON CONFLICT (grid_cell_id, week, category) DO UPDATE SET n = w.n + excluded.n;
  DELETE FROM event_cell_weeks w
  USING (SELECT DISTINCT grid_cell_id, event_week(occurred_at) AS week, category FROM old_rows WHERE grid_cell_id IS NOT NULL) k
  WHERE w.grid_cell_id = k.grid_cell_id AND w.week = k.week AND w.category = k.category AND w.n <= 0;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION event_cell_weeks_move() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  -- An update is the old rows leaving and the new rows arriving.
  INSERT INTO event_cell_weeks AS w (grid_cell_id, week, category, n)
  SELECT grid_cell_id, week, category, sum(d)::int FROM (
    SELECT grid_cell_id, event_week(occurred_at) AS week, category, -1 AS d FROM old_rows WHERE grid_cell_id IS NOT NULL
    UNION ALL
    SELECT grid_cell_id, event_week(occurred_at), category, 1 FROM new_rows WHERE grid_cell_id IS NOT NULL
  ) x GROUP BY 1, 2, 3 HAVING sum(d) <> 0
  ON CONFLICT (grid_cell_id, week, category) DO UPDATE SET n = w.n + excluded.n;
  DELETE FROM event_cell_weeks w
  USING (SELECT DISTINCT grid_cell_id, event_week(occurred_at) AS week, category FROM old_rows WHERE grid_cell_id IS NOT NULL) k
  WHERE w.grid_cell_id = k.grid_cell_id AND w.week = k.week AND w.category = k.category AND w.n <= 0;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION event_cell_weeks_clear() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM event_cell_weeks;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER events_cell_weeks_insert AFTER INSERT ON events REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION event_cell_weeks_add_new();
--> statement-breakpoint
CREATE TRIGGER events_cell_weeks_delete AFTER DELETE ON events REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION event_cell_weeks_remove_old();
--> statement-breakpoint
CREATE TRIGGER events_cell_weeks_update AFTER UPDATE ON events REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION event_cell_weeks_move();
--> statement-breakpoint
CREATE TRIGGER events_cell_weeks_truncate AFTER TRUNCATE ON events
FOR EACH STATEMENT EXECUTE FUNCTION event_cell_weeks_clear();
--> statement-breakpoint
CREATE FUNCTION rebuild_event_cell_weeks() RETURNS void
LANGUAGE sql AS $$
  DELETE FROM event_cell_weeks;
  INSERT INTO event_cell_weeks (grid_cell_id, week, category, n)
  SELECT grid_cell_id, event_week(occurred_at), category, count(*)::int FROM events WHERE grid_cell_id IS NOT NULL GROUP BY 1, 2, 3;
$$;
--> statement-breakpoint
-- Existing databases: fill it once from the events already there.
SELECT rebuild_event_cell_weeks();
