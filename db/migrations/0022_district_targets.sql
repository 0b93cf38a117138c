-- Targets and settings per district (issue #20). A row with a district code applies to that
-- district; a row without one applies to every district that has no row of its own in force
-- (in a system of one district, simply its settings). The code is checked by the application
-- against the districts the data holds: a district may have streets before it has a name row.
ALTER TABLE "coverage_targets" ADD COLUMN "district_code" text CHECK ("district_code" ~ '^[0-9]{6}$');
--> statement-breakpoint
ALTER TABLE "coverage_targets" DROP CONSTRAINT "coverage_targets_metric_valid_from_key";
--> statement-breakpoint
ALTER TABLE "coverage_targets" ADD CONSTRAINT "coverage_targets_scope_metric_from" UNIQUE NULLS NOT DISTINCT ("district_code", "metric", "valid_from");
--> statement-breakpoint
ALTER TABLE "district_settings" ADD COLUMN "district_code" text CHECK ("district_code" ~ '^[0-9]{6}$');
--> statement-breakpoint
ALTER TABLE "district_settings" DROP CONSTRAINT "district_settings_key_from";
--> statement-breakpoint
ALTER TABLE "district_settings" ADD CONSTRAINT "district_settings_scope_key_from" UNIQUE NULLS NOT DISTINCT ("district_code", "key", "valid_from");
--> statement-breakpoint
-- The demo's targets cite the generated district's own (Lucheng's) rules: they are that
-- district's, not every district's of a city seeded around it.
UPDATE "coverage_targets" SET "district_code" = d."code"
FROM (SELECT min("code") AS "code" FROM "districts" WHERE "demo") d
WHERE "coverage_targets"."recorded_by" = 'demo' AND d."code" IS NOT NULL;
--> statement-breakpoint
-- A frozen month keeps the targets then in force for each district that had its own
-- (code → metric → target); "targets" stays the rows that applied to every district.
ALTER TABLE "monthly_freezes" ADD COLUMN "district_targets" jsonb DEFAULT '{}'::jsonb NOT NULL;
