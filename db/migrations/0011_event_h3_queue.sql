-- Stored H3 cells, second form: each row also copies its event's time, category and grid cell,
-- so counting reads this one narrow table, not a join with events; and a queue of events still
-- to bin (new and changed ones, fed by triggers) replaces the anti-join over all events that
-- found them. Replaces 0008's table and trigger (derived data: dropped and computed again).
DROP TRIGGER IF EXISTS events_h3_forget_moved ON events;
--> statement-breakpoint
DROP FUNCTION IF EXISTS event_h3_forget_moved();
--> statement-breakpoint
DROP TABLE IF EXISTS event_h3_pending;
--> statement-breakpoint
DROP TABLE IF EXISTS event_h3;
--> statement-breakpoint
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
CREATE OR REPLACE FUNCTION event_h3_queue_new() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO event_h3_pending (event_id) SELECT id FROM new_rows ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS events_h3_queue_new ON events;
--> statement-breakpoint
CREATE TRIGGER events_h3_queue_new AFTER INSERT ON events REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION event_h3_queue_new();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION event_h3_requeue_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM event_h3 WHERE event_id = NEW.id;
  INSERT INTO event_h3_pending (event_id) VALUES (NEW.id) ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS events_h3_requeue_changed ON events;
--> statement-breakpoint
CREATE TRIGGER events_h3_requeue_changed AFTER UPDATE OF geom, occurred_at, category, grid_cell_id ON events
FOR EACH ROW WHEN (OLD.geom IS DISTINCT FROM NEW.geom OR OLD.occurred_at IS DISTINCT FROM NEW.occurred_at
                   OR OLD.category IS DISTINCT FROM NEW.category OR OLD.grid_cell_id IS DISTINCT FROM NEW.grid_cell_id)
EXECUTE FUNCTION event_h3_requeue_changed();
