-- Building outlines without register data (the usual open data: a footprint, maybe a floor
-- count). Drawn on the map, and each rental-register row is attached to the outline its point
-- stands in — by these triggers, whatever writes the rows.
CREATE TABLE "building_footprints" (
	"id" serial PRIMARY KEY NOT NULL,
	"floors" integer,
	"source" text DEFAULT '' NOT NULL,
	"geom" geometry(MultiPolygon,4326) NOT NULL,
	CONSTRAINT "building_footprints_geom_valid" CHECK (ST_IsValid("building_footprints"."geom")),
	CONSTRAINT "building_footprints_floors" CHECK ("building_footprints"."floors" is null or "building_footprints"."floors" between 1 and 200)
);
--> statement-breakpoint
CREATE INDEX "building_footprints_geom_gist" ON "building_footprints" USING gist ("geom");
--> statement-breakpoint
ALTER TABLE "rental_buildings" ADD COLUMN "footprint_id" integer;
--> statement-breakpoint
ALTER TABLE "rental_buildings" ADD CONSTRAINT "rental_buildings_footprint_id_building_footprints_id_fk" FOREIGN KEY ("footprint_id") REFERENCES "public"."building_footprints"("id") ON DELETE set null ON UPDATE no action;
--> statement-breakpoint
-- Footprint tiles count the register rows of each outline: by index, not a scan per outline.
CREATE INDEX "rental_buildings_footprint_idx" ON "rental_buildings" ("footprint_id");
--> statement-breakpoint
CREATE TRIGGER building_footprints_layer_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON building_footprints
FOR EACH STATEMENT EXECUTE FUNCTION bump_layer_version('footprints');
--> statement-breakpoint
-- The outline a point stands in; ties (touching outlines) go to the lowest id.
CREATE FUNCTION footprint_at(p geometry) RETURNS integer
LANGUAGE sql STABLE AS $$
  SELECT f.id FROM building_footprints f WHERE ST_Covers(f.geom, p) ORDER BY f.id LIMIT 1
$$;
--> statement-breakpoint
CREATE FUNCTION assign_footprint() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.footprint_id := footprint_at(NEW.geom);
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER rental_buildings_assign_footprint
BEFORE INSERT OR UPDATE OF geom, footprint_id ON rental_buildings
FOR EACH ROW EXECUTE FUNCTION assign_footprint();
--> statement-breakpoint
-- New outlines take in the register rows standing in them that had none.
CREATE FUNCTION attach_to_new_footprints() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  -- Joined on the buildings' spatial index (outline by outline), not every building against every outline.
  UPDATE rental_buildings b SET footprint_id = footprint_at(b.geom)
  FROM new_rows n
  WHERE b.footprint_id IS NULL AND b.geom && n.geom AND ST_Covers(n.geom, b.geom);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER building_footprints_attach AFTER INSERT ON building_footprints REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION attach_to_new_footprints();
