-- Cases (issue 17): events become cases with a responsible department, a due date and a status
-- flow reported → assigned → in_progress → resolved → verified (a rejected answer goes back to
-- in_progress); supervised areas (挂牌督办) and alerts.

-- 责任单位: the departments a case can be given to. A managed list (admins edit it); these five
-- are the district rules' usual ones, not demo data.
CREATE TABLE "departments" (
	"code" text PRIMARY KEY NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "departments_code_format" CHECK ("code" ~ '^[a-z][a-z0-9_]{1,31}$'),
	CONSTRAINT "departments_names" CHECK (length(btrim("name_zh")) BETWEEN 1 AND 40 AND length(btrim("name_en")) BETWEEN 1 AND 80)
);--> statement-breakpoint
INSERT INTO "departments" ("code", "name_zh", "name_en") VALUES
	('urban_management', '城管执法', 'Urban management enforcement'),
	('market_regulation', '市场监管', 'Market regulation'),
	('fire_rescue', '消防', 'Fire and rescue'),
	('housing_construction', '住建', 'Housing and construction'),
	('subdistrict_office', '街道', 'Subdistrict office');--> statement-breakpoint

-- The old statuses map onto the case flow: open → reported, closed → verified.
ALTER TYPE "public"."event_status" RENAME TO "event_status_old";--> statement-breakpoint
CREATE TYPE "public"."event_status" AS ENUM('reported', 'assigned', 'in_progress', 'resolved', 'verified');--> statement-breakpoint
ALTER TABLE "events" ALTER COLUMN "status" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "events" ALTER COLUMN "status" SET DATA TYPE "public"."event_status"
	USING (CASE "status"::text WHEN 'open' THEN 'reported' WHEN 'closed' THEN 'verified' ELSE "status"::text END)::"public"."event_status";--> statement-breakpoint
ALTER TABLE "events" ALTER COLUMN "status" SET DEFAULT 'reported';--> statement-breakpoint
DROP TYPE "public"."event_status_old";--> statement-breakpoint

ALTER TABLE "events" ADD COLUMN "department_code" text REFERENCES "departments"("code") ON UPDATE CASCADE;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "due_on" date;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "resolved_at" timestamp with time zone;--> statement-breakpoint
-- The case's version for If-Match (every change of the case sets it).
ALTER TABLE "events" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
-- Events resolved before this migration keep resolved_at empty: when they were resolved is not
-- known, so they count in no time-to-resolve figure.
-- An assigned case names its department (older in-progress events may not have one).
ALTER TABLE "events" ADD CONSTRAINT "events_assigned_has_department" CHECK ("status" <> 'assigned' OR "department_code" IS NOT NULL);--> statement-breakpoint
CREATE INDEX "events_open_due_idx" ON "events" ("due_on") WHERE "status" IN ('assigned', 'in_progress');--> statement-breakpoint
CREATE INDEX "events_department_idx" ON "events" ("department_code");--> statement-breakpoint

-- 挂牌督办: an area put under supervision until it meets a measurable target.
CREATE TABLE "supervised_areas" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"street_code" text NOT NULL REFERENCES "streets"("code") ON UPDATE CASCADE,
	"department_code" text NOT NULL REFERENCES "departments"("code") ON UPDATE CASCADE,
	"category" "event_category" NOT NULL,
	-- Target: at most max_per_week events of the category a week, for target_weeks whole weeks in a row.
	"max_per_week" integer NOT NULL,
	"target_weeks" integer NOT NULL DEFAULT 4,
	"opened_on" date NOT NULL,
	"deadline" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"opened_by" text NOT NULL,
	"accepted_on" date,
	"accepted_by" text,
	"accept_note" text,
	"geom" geometry(MultiPolygon, 4326) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "supervised_areas_target" CHECK ("max_per_week" >= 0 AND "target_weeks" BETWEEN 1 AND 12),
	CONSTRAINT "supervised_areas_deadline" CHECK ("deadline" > "opened_on"),
	CONSTRAINT "supervised_areas_status" CHECK ("status" IN ('open', 'accepted')),
	CONSTRAINT "supervised_areas_accepted" CHECK (("status" = 'accepted') = ("accepted_on" IS NOT NULL)),
	CONSTRAINT "supervised_areas_name" CHECK (length(btrim("name")) BETWEEN 1 AND 80)
);--> statement-breakpoint
CREATE INDEX "supervised_areas_geom_gist" ON "supervised_areas" USING gist ("geom");--> statement-breakpoint
CREATE TABLE "supervised_area_cells" (
	"area_id" integer NOT NULL REFERENCES "supervised_areas"("id") ON DELETE CASCADE,
	"grid_cell_id" integer NOT NULL REFERENCES "grid_cells"("id") ON DELETE CASCADE,
	PRIMARY KEY ("area_id", "grid_cell_id")
);--> statement-breakpoint

-- Alerts: each raised once (dedupe_key is unique), optionally sent to a webhook.
CREATE TABLE "alerts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"week_start" date NOT NULL,
	"category" "event_category",
	"grid_cell_id" integer REFERENCES "grid_cells"("id") ON DELETE CASCADE,
	"area_id" integer REFERENCES "supervised_areas"("id") ON DELETE CASCADE,
	"street_code" text REFERENCES "streets"("code") ON UPDATE CASCADE,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"dedupe_key" text NOT NULL UNIQUE,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"webhook_state" text DEFAULT 'none' NOT NULL,
	"webhook_attempts" integer DEFAULT 0 NOT NULL,
	"webhook_error" text,
	CONSTRAINT "alerts_kind" CHECK ("kind" IN ('new_hotspot', 'intensifying_hotspot', 'consecutive_hotspot', 'area_overdue', 'cases_overdue')),
	CONSTRAINT "alerts_webhook_state" CHECK ("webhook_state" IN ('none', 'pending', 'sent', 'failed'))
);--> statement-breakpoint
CREATE INDEX "alerts_created_idx" ON "alerts" ("created_at");--> statement-breakpoint
-- What each account has seen (the unread badge counts alerts after it).
ALTER TABLE "users" ADD COLUMN "alerts_seen_at" timestamp with time zone;
