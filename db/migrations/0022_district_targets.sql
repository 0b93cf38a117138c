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
-- In a system of one district, every row recorded so far is that district's: a later row for it
-- (which the application records with its code) must not be outranked by an older one.
UPDATE "coverage_targets" SET "district_code" = d."code"
FROM (SELECT min(left("code", 6)) AS "code" FROM "streets" HAVING count(DISTINCT left("code", 6)) = 1) d
WHERE "coverage_targets"."district_code" IS NULL;
--> statement-breakpoint
UPDATE "district_settings" SET "district_code" = d."code"
FROM (SELECT min(left("code", 6)) AS "code" FROM "streets" HAVING count(DISTINCT left("code", 6)) = 1) d
WHERE "district_settings"."district_code" IS NULL;
--> statement-breakpoint
-- In a city, the demo's targets cite the generated district's own (Lucheng's) rules: they are that
-- district's — unless someone recorded a target for the same metric, which then keeps applying.
UPDATE "coverage_targets" SET "district_code" = d."code"
FROM (SELECT min("code") AS "code" FROM "districts" WHERE "demo") d
WHERE "coverage_targets"."recorded_by" = 'demo' AND "coverage_targets"."district_code" IS NULL AND d."code" IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM "coverage_targets" o WHERE o."metric" = "coverage_targets"."metric" AND o."recorded_by" <> 'demo');
--> statement-breakpoint
-- A frozen month keeps the targets then in force for each district that had its own
-- (code → metric → target); "targets" is the set the whole system was judged by.
ALTER TABLE "monthly_freezes" ADD COLUMN "district_targets" jsonb DEFAULT '{}'::jsonb NOT NULL;
