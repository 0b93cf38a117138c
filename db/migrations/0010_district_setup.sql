-- The district's own outline, when an office imports it (one row). Every "inside the district"
-- check uses it; without it, the union of the streets stands in.
CREATE TABLE district_boundary (
  id integer PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  code text CHECK (code IS NULL OR code ~ '^[0-9]{6}$'),
  name_zh text NOT NULL,
  name_en text NOT NULL,
  geom geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(geom)),
  updated_at timestamptz NOT NULL DEFAULT now()
);
--> statement-breakpoint
CREATE TRIGGER district_boundary_layer_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON district_boundary
FOR EACH STATEMENT EXECUTE FUNCTION bump_layer_version('district-boundary');
--> statement-breakpoint
-- add: new codes are inserted, known ones updated. replace (grid cells): cells of the
-- communities in the file that the file does not list are removed in the same transaction.
ALTER TABLE imports ADD COLUMN mode text NOT NULL DEFAULT 'add' CHECK (mode IN ('add', 'replace'));
--> statement-breakpoint
-- Real POI files carry categories of their own (公园, 银行…): they import as 'other' and keep
-- the file's category here, instead of being refused.
ALTER TYPE poi_category ADD VALUE IF NOT EXISTS 'other';
--> statement-breakpoint
ALTER TABLE pois ADD COLUMN source_category text;
--> statement-breakpoint
-- Coverage targets are the district's settings, with history: each value applies from a date
-- until a later row for the same metric; past periods are judged against the target in force
-- then. A row names the document it comes from, or says it is the district's own choice.
CREATE TABLE coverage_targets (
  id serial PRIMARY KEY,
  metric text NOT NULL,
  value double precision NOT NULL CHECK (value >= 0 AND value <= 1),
  valid_from date NOT NULL,
  source_title text,
  source_number text,
  source_date date,
  own_choice boolean NOT NULL DEFAULT false,
  note text NOT NULL DEFAULT '',
  recorded_by text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (metric, valid_from),
  CHECK (own_choice OR source_title IS NOT NULL)
);
--> statement-breakpoint
-- Imported road networks have minor roads too (OSM residential, service; 支路, 街巷).
ALTER TYPE road_class ADD VALUE IF NOT EXISTS 'local';
--> statement-breakpoint
-- Roads are imported now: their tiles and caches need a version like every other layer.
CREATE TRIGGER roads_layer_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON roads FOR EACH STATEMENT EXECUTE FUNCTION bump_layer_version('roads');
