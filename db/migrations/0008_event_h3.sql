-- Each event's H3 cell at the resolutions analytics use (7–10), as 64-bit H3 indexes, so hot
-- spots on hexagons count in SQL (GROUP BY) instead of binning every event in Node per request.
-- PostGIS has no H3 (and the embedded build cannot load h3-pg), so lib/analytics/event-h3.ts
-- computes the cells with h3-js and fills rows that are missing before it counts. Derived data:
-- a row goes when its event goes (cascade) or moves (trigger below) and is computed again.
CREATE TABLE event_h3 (
  event_id bigint PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE,
  h3_7 bigint NOT NULL,
  h3_8 bigint NOT NULL,
  h3_9 bigint NOT NULL,
  h3_10 bigint NOT NULL
);
--> statement-breakpoint
CREATE FUNCTION event_h3_forget_moved() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM event_h3 WHERE event_id = NEW.id;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER events_h3_forget_moved AFTER UPDATE OF geom ON events
FOR EACH ROW WHEN (OLD.geom IS DISTINCT FROM NEW.geom) EXECUTE FUNCTION event_h3_forget_moved();
