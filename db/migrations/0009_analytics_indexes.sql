-- Weekly counts for a window of weeks, read without touching the table: analytics sum n over
-- (week, cell) for every category, and the primary key (cell, week, category) cannot serve a
-- range of weeks. On the large district this turns a 270 ms heap scan into a 100 ms index-only one.
CREATE INDEX event_cell_weeks_week_cell_idx ON event_cell_weeks (week, grid_cell_id) INCLUDE (category, n);
--> statement-breakpoint
-- The (week, category) index is a prefix-like subset of the one above for every query here.
DROP INDEX event_cell_weeks_week_idx;
