-- 区/县 as a list: a city's system holds several districts (issue #20). Codes are the 6-digit
-- division codes that begin every street, community and cell code, so a district's rows are
-- found by prefix; this table gives them names (and later settings and a scope for roles).
-- The one district's outline stays in district_boundary for now.
CREATE TABLE "districts" (
  "code" text PRIMARY KEY,
  "name_zh" text NOT NULL,
  "name_en" text NOT NULL,
  "demo" boolean DEFAULT false NOT NULL,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  CONSTRAINT "districts_code_6_digits" CHECK ("code" ~ '^[0-9]{6}$')
);
--> statement-breakpoint
-- The district an imported boundary named.
INSERT INTO "districts" ("code", "name_zh", "name_en", "demo")
SELECT "code", "name_zh", "name_en", "demo" FROM "district_boundary" WHERE "code" ~ '^[0-9]{6}$'
ON CONFLICT DO NOTHING;
