CREATE TYPE "public"."event_category" AS ENUM('stall_violation', 'complaint', 'fire_hazard', 'unlicensed_business', 'illegal_structure', 'patrol_checkin', 'inspection');--> statement-breakpoint
CREATE TYPE "public"."event_source" AS ENUM('patrol', 'hotline', 'camera', 'citizen_app', 'import');--> statement-breakpoint
CREATE TYPE "public"."event_status" AS ENUM('open', 'in_progress', 'resolved', 'closed');--> statement-breakpoint
CREATE TYPE "public"."poi_category" AS ENUM('school', 'market', 'transit_hub', 'admin_centre', 'hospital');--> statement-breakpoint
CREATE TYPE "public"."publication_status" AS ENUM('draft', 'active', 'retired');--> statement-breakpoint
CREATE TYPE "public"."registration_status" AS ENUM('registered', 'unregistered', 'deregistered');--> statement-breakpoint
CREATE TYPE "public"."road_class" AS ENUM('arterial', 'secondary');--> statement-breakpoint
CREATE TYPE "public"."user_role" AS ENUM('admin', 'planner', 'commander', 'street_office');--> statement-breakpoint
CREATE TYPE "public"."zone_category" AS ENUM('main_road', 'admin_centre', 'commercial_core', 'historic_block', 'school_surroundings', 'other');--> statement-breakpoint
CREATE TABLE "streets" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"geom" geometry(MultiPolygon,4326) NOT NULL,
	CONSTRAINT "streets_code_unique" UNIQUE("code"),
	CONSTRAINT "streets_code_12_digits" CHECK ("streets"."code" ~ '^[0-9]{12}$'),
	CONSTRAINT "streets_geom_valid" CHECK (ST_IsValid("streets"."geom"))
);
--> statement-breakpoint
CREATE TABLE "communities" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"street_code" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"geom" geometry(MultiPolygon,4326) NOT NULL,
	CONSTRAINT "communities_code_unique" UNIQUE("code"),
	CONSTRAINT "communities_code_12_digits" CHECK ("communities"."code" ~ '^[0-9]{12}$'),
	CONSTRAINT "communities_code_in_street" CHECK (left("communities"."code", 9) = left("communities"."street_code", 9)),
	CONSTRAINT "communities_geom_valid" CHECK (ST_IsValid("communities"."geom"))
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" serial PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"display_name" text NOT NULL,
	"role" "user_role" NOT NULL,
	"street_code" text,
	"password_hash" text,
	"disabled" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_email_unique" UNIQUE("email"),
	CONSTRAINT "users_street_scope" CHECK (("users"."role" = 'street_office') = ("users"."street_code" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "grid_cells" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"community_code" text NOT NULL,
	"responsible_user_id" integer,
	"geom" geometry(MultiPolygon,4326) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "grid_cells_code_unique" UNIQUE("code"),
	CONSTRAINT "grid_cells_code_15_digits" CHECK ("grid_cells"."code" ~ '^[0-9]{15}$'),
	CONSTRAINT "grid_cells_code_in_community" CHECK (left("grid_cells"."code", 12) = "grid_cells"."community_code"),
	CONSTRAINT "grid_cells_geom_valid" CHECK (ST_IsValid("grid_cells"."geom"))
);
--> statement-breakpoint
CREATE TABLE "rental_buildings" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"address" text NOT NULL,
	"geom" geometry(Point,4326) NOT NULL,
	"footprint" geometry(MultiPolygon,4326),
	"units" integer NOT NULL,
	"rented_units" integer DEFAULT 0 NOT NULL,
	"registration_status" "registration_status" DEFAULT 'unregistered' NOT NULL,
	"responsibility_letter_signed" boolean DEFAULT false NOT NULL,
	"last_inspected_on" date,
	"meets_rental_conditions" boolean DEFAULT true NOT NULL,
	"fire_hazard" boolean DEFAULT false NOT NULL,
	"illegal_structure" boolean DEFAULT false NOT NULL,
	"no_title" boolean DEFAULT false NOT NULL,
	"other_safety_hazard" boolean DEFAULT false NOT NULL,
	"rentable" boolean GENERATED ALWAYS AS (meets_rental_conditions AND NOT fire_hazard AND NOT illegal_structure AND NOT no_title AND NOT other_safety_hazard) STORED NOT NULL,
	"registered_occupant_count" integer DEFAULT 0 NOT NULL,
	"grid_cell_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rental_buildings_code_unique" UNIQUE("code"),
	CONSTRAINT "rental_buildings_geom_valid" CHECK (ST_IsValid("rental_buildings"."geom")),
	CONSTRAINT "rental_buildings_footprint_valid" CHECK ("rental_buildings"."footprint" IS NULL OR ST_IsValid("rental_buildings"."footprint")),
	CONSTRAINT "rental_buildings_units" CHECK ("rental_buildings"."units" >= 0 AND "rental_buildings"."rented_units" >= 0 AND "rental_buildings"."rented_units" <= "rental_buildings"."units"),
	CONSTRAINT "rental_buildings_occupants" CHECK ("rental_buildings"."registered_occupant_count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "no_stall_zones" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"category" "zone_category" NOT NULL,
	"legal_basis" text DEFAULT '' NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"status" "publication_status" DEFAULT 'draft' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"geom" geometry(MultiPolygon,4326) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "no_stall_zones_geom_valid" CHECK (ST_IsValid("no_stall_zones"."geom")),
	CONSTRAINT "no_stall_zones_valid_range" CHECK ("no_stall_zones"."valid_to" IS NULL OR "no_stall_zones"."valid_to" >= "no_stall_zones"."valid_from"),
	CONSTRAINT "no_stall_zones_version" CHECK ("no_stall_zones"."version" >= 1)
);
--> statement-breakpoint
CREATE TABLE "guidance_points" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"geom" geometry(Point,4326) NOT NULL,
	"capacity" integer NOT NULL,
	"occupied_stalls" integer DEFAULT 0 NOT NULL,
	"opening_hours" text DEFAULT '' NOT NULL,
	"allowed_goods" text[] DEFAULT '{}'::text[] NOT NULL,
	"reserved_priority_slots" integer DEFAULT 0 NOT NULL,
	"status" "publication_status" DEFAULT 'draft' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "guidance_points_geom_valid" CHECK (ST_IsValid("guidance_points"."geom")),
	CONSTRAINT "guidance_points_capacity" CHECK ("guidance_points"."capacity" > 0 AND "guidance_points"."occupied_stalls" BETWEEN 0 AND "guidance_points"."capacity" AND "guidance_points"."reserved_priority_slots" BETWEEN 0 AND "guidance_points"."capacity"),
	CONSTRAINT "guidance_points_version" CHECK ("guidance_points"."version" >= 1)
);
--> statement-breakpoint
CREATE TABLE "events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"geom" geometry(Point,4326) NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"category" "event_category" NOT NULL,
	"status" "event_status" DEFAULT 'open' NOT NULL,
	"source" "event_source" NOT NULL,
	"grid_cell_id" integer,
	CONSTRAINT "events_geom_valid" CHECK (ST_IsValid("events"."geom"))
);
--> statement-breakpoint
CREATE TABLE "pois" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"category" "poi_category" NOT NULL,
	"geom" geometry(Point,4326) NOT NULL,
	CONSTRAINT "pois_geom_valid" CHECK (ST_IsValid("pois"."geom"))
);
--> statement-breakpoint
CREATE TABLE "roads" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"road_class" "road_class" NOT NULL,
	"geom" geometry(LineString,4326) NOT NULL,
	CONSTRAINT "roads_geom_valid" CHECK (ST_IsValid("roads"."geom"))
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" integer,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text,
	"action" text NOT NULL,
	"before" jsonb,
	"after" jsonb
);
--> statement-breakpoint
CREATE TABLE "dataset_meta" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "communities" ADD CONSTRAINT "communities_street_code_streets_code_fk" FOREIGN KEY ("street_code") REFERENCES "public"."streets"("code") ON DELETE no action ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_street_code_streets_code_fk" FOREIGN KEY ("street_code") REFERENCES "public"."streets"("code") ON DELETE no action ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "grid_cells" ADD CONSTRAINT "grid_cells_community_code_communities_code_fk" FOREIGN KEY ("community_code") REFERENCES "public"."communities"("code") ON DELETE no action ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "grid_cells" ADD CONSTRAINT "grid_cells_responsible_user_id_users_id_fk" FOREIGN KEY ("responsible_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rental_buildings" ADD CONSTRAINT "rental_buildings_grid_cell_id_grid_cells_id_fk" FOREIGN KEY ("grid_cell_id") REFERENCES "public"."grid_cells"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_grid_cell_id_grid_cells_id_fk" FOREIGN KEY ("grid_cell_id") REFERENCES "public"."grid_cells"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "streets_geom_gist" ON "streets" USING gist ("geom");--> statement-breakpoint
CREATE INDEX "communities_geom_gist" ON "communities" USING gist ("geom");--> statement-breakpoint
CREATE INDEX "communities_street_code_idx" ON "communities" USING btree ("street_code");--> statement-breakpoint
CREATE INDEX "grid_cells_geom_gist" ON "grid_cells" USING gist ("geom");--> statement-breakpoint
CREATE INDEX "grid_cells_community_code_idx" ON "grid_cells" USING btree ("community_code");--> statement-breakpoint
CREATE INDEX "rental_buildings_geom_gist" ON "rental_buildings" USING gist ("geom");--> statement-breakpoint
CREATE INDEX "rental_buildings_grid_cell_idx" ON "rental_buildings" USING btree ("grid_cell_id");--> statement-breakpoint
CREATE INDEX "no_stall_zones_geom_gist" ON "no_stall_zones" USING gist ("geom");--> statement-breakpoint
CREATE INDEX "no_stall_zones_status_idx" ON "no_stall_zones" USING btree ("status");--> statement-breakpoint
CREATE INDEX "guidance_points_geom_gist" ON "guidance_points" USING gist ("geom");--> statement-breakpoint
CREATE INDEX "events_geom_gist" ON "events" USING gist ("geom");--> statement-breakpoint
CREATE INDEX "events_category_time_idx" ON "events" USING btree ("category","occurred_at");--> statement-breakpoint
CREATE INDEX "events_time_idx" ON "events" USING btree ("occurred_at");--> statement-breakpoint
CREATE INDEX "events_grid_cell_time_idx" ON "events" USING btree ("grid_cell_id","occurred_at");--> statement-breakpoint
CREATE INDEX "pois_geom_gist" ON "pois" USING gist ("geom");--> statement-breakpoint
CREATE INDEX "pois_category_idx" ON "pois" USING btree ("category");--> statement-breakpoint
CREATE INDEX "roads_geom_gist" ON "roads" USING gist ("geom");--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "audit_log_entity_idx" ON "audit_log" USING btree ("entity","entity_id");