-- Each in-district event's H3 cell at the resolutions analytics use (7–10), as 64-bit H3
-- indexes, so hot spots on hexagons count in SQL (GROUP BY) instead of binning every event in
-- Node per request. The event's time, category and grid cell are copied here so that counting
-- reads this one narrow table, not a join with events. PostGIS has no H3 (and the embedded build
-- cannot load h3-pg), so lib/analytics/event-h3.ts computes the cells with h3-js.
-- Derived data: a row goes when its event goes (cascade) or changes (trigger below) and is
-- computed again from the queue.
CREATE TABLE event_h3 (
  event_id bigint PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE,
  occurred_at timestamptz NOT NULL,
  category event_category NOT NULL,
  grid_cell_id integer NOT NULL,
  h3_7 bigint NOT NULL,
  h3_8 bigint NOT NULL,
  h3_9 bigint NOT NULL,
  h3_10 bigint NOT NULL
);
--> statement-breakpoint
CREATE INDEX event_h3_occurred_at_idx ON event_h3 (occurred_at);
--> statement-breakpoint
-- Events whose cells are still to be computed: new events and changed ones, queued by the
-- triggers below, emptied by the next hexagon analysis. Finding them is a read of this small
-- table, never an anti-join over millions of events.
CREATE TABLE event_h3_pending (
  event_id bigint PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE
);
--> statement-breakpoint
INSERT INTO event_h3_pending (event_id) SELECT id FROM events;
--> statement-breakpoint
CREATE FUNCTION event_h3_queue_new() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO event_h3_pending (event_id) SELECT id FROM new_rows ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER events_h3_queue_new AFTER INSERT ON events REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION event_h3_queue_new();
--> statement-breakpoint
CREATE FUNCTION event_h3_requeue_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM event_h3 WHERE event_id = NEW.id;
  INSERT INTO event_h3_pending (event_id) VALUES (NEW.id) ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER events_h3_requeue_changed AFTER UPDATE OF geom, occurred_at, category, grid_cell_id ON events
FOR EACH ROW WHEN (OLD.geom IS DISTINCT FROM NEW.geom OR OLD.occurred_at IS DISTINCT FROM NEW.occurred_at
                   OR OLD.category IS DISTINCT FROM NEW.category OR OLD.grid_cell_id IS DISTINCT FROM NEW.grid_cell_id)
EXECUTE FUNCTION event_h3_requeue_changed();
