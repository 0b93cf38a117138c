-- A district-wide account (admin, planner, commander, analyst, viewer) or token may be limited to
-- one district (issue #20): its 6-digit code begins every street, community and cell code inside
-- it, so "inside the district" is a prefix, as "inside the street" already is. NULL: the whole
-- system, a city-level account. Street accounts keep their street, which implies their district.
ALTER TABLE "users" ADD COLUMN "district_code" text;
--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_district_scope"
  CHECK ("district_code" IS NULL OR ("district_code" ~ '^[0-9]{6}$' AND "street_code" IS NULL));
--> statement-breakpoint
ALTER TABLE "api_tokens" ADD COLUMN "district_code" text;
--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_district_scope"
  CHECK ("district_code" IS NULL OR ("district_code" ~ '^[0-9]{6}$' AND "street_code" IS NULL));
