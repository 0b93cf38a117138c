-- The monthly work cycle: building checks, rectifications (停租整治), the register's history,
-- frozen monthly figures, district settings and idempotent writes. And the five rules (五个一律)
-- as the rules state them: ① not meeting rental conditions, ② an illegal structure, ③ a fire
-- hazard → may not be rented; ④ no title → no business licence (renting is not what it bars);
-- ⑤ a safety hazard → renting suspended until a clearing check.
ALTER TABLE "rental_buildings" DROP COLUMN "rentable";
--> statement-breakpoint
ALTER TABLE "rental_buildings" ADD COLUMN "rentable" boolean GENERATED ALWAYS AS (meets_rental_conditions AND NOT illegal_structure AND NOT fire_hazard AND NOT other_safety_hazard) STORED NOT NULL;
--> statement-breakpoint
ALTER TABLE "rental_buildings" ADD COLUMN "rental_status" text GENERATED ALWAYS AS (CASE WHEN NOT meets_rental_conditions OR illegal_structure OR fire_hazard THEN 'barred' WHEN other_safety_hazard THEN 'suspended' ELSE 'allowed' END) STORED NOT NULL;
--> statement-breakpoint
ALTER TABLE "rental_buildings" ADD COLUMN "licence_allowed" boolean GENERATED ALWAYS AS (NOT no_title) STORED NOT NULL;
--> statement-breakpoint
ALTER TABLE "rental_buildings" ADD COLUMN "letter_signed_on" date;
--> statement-breakpoint
-- The first check that found the building empty, while it stays empty (three months → 注销 candidate).
ALTER TABLE "rental_buildings" ADD COLUMN "empty_since" date;
--> statement-breakpoint
CREATE TABLE "building_checks" (
	"id" serial PRIMARY KEY NOT NULL,
	"building_id" integer NOT NULL REFERENCES "rental_buildings"("id") ON DELETE CASCADE,
	"checked_on" date NOT NULL,
	"checked_by" integer REFERENCES "users"("id") ON DELETE SET NULL,
	"checked_by_name" text NOT NULL,
	"meets_rental_conditions" boolean NOT NULL,
	"illegal_structure" boolean NOT NULL,
	"fire_hazard" boolean NOT NULL,
	"no_title" boolean NOT NULL,
	"other_safety_hazard" boolean NOT NULL,
	"letter_signed" boolean NOT NULL,
	"letter_signed_on" date,
	"rented_units" integer NOT NULL,
	"empty" boolean NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"event_id" bigint REFERENCES "events"("id") ON DELETE SET NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "building_checks_rented" CHECK ("rented_units" >= 0 AND (NOT "empty" OR "rented_units" = 0)),
	CONSTRAINT "building_checks_letter" CHECK ("letter_signed_on" IS NULL OR "letter_signed")
);
--> statement-breakpoint
CREATE INDEX "building_checks_building_idx" ON "building_checks" ("building_id", "checked_on");
--> statement-breakpoint
CREATE TABLE "rectifications" (
	"id" serial PRIMARY KEY NOT NULL,
	"building_id" integer NOT NULL REFERENCES "rental_buildings"("id") ON DELETE CASCADE,
	"rule" text NOT NULL,
	"opened_by_check_id" integer NOT NULL REFERENCES "building_checks"("id") ON DELETE CASCADE,
	"opened_on" date NOT NULL,
	"due_on" date NOT NULL,
	"closed_by_check_id" integer REFERENCES "building_checks"("id") ON DELETE SET NULL,
	"closed_on" date,
	CONSTRAINT "rectifications_rule" CHECK ("rule" IN ('meets_rental_conditions', 'illegal_structure', 'fire_hazard', 'other_safety_hazard')),
	CONSTRAINT "rectifications_dates" CHECK ("due_on" >= "opened_on" AND ("closed_on" IS NULL OR "closed_on" >= "opened_on"))
);
--> statement-breakpoint
-- One open rectification per building and rule.
CREATE UNIQUE INDEX "rectifications_open_uq" ON "rectifications" ("building_id", "rule") WHERE "closed_on" IS NULL;
--> statement-breakpoint
CREATE INDEX "rectifications_due_idx" ON "rectifications" ("due_on") WHERE "closed_on" IS NULL;
--> statement-breakpoint
-- What the register said about each building from when to when (valid_to null: still so), kept
-- by triggers, so a past month's figures can be rebuilt from what was known then. Not tied to the
-- building by a foreign key: a building removed from the register keeps its past.
CREATE TABLE "rental_building_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"building_id" integer NOT NULL,
	"grid_cell_id" integer,
	"registration_status" "registration_status" NOT NULL,
	"units" integer NOT NULL,
	"rented_units" integer NOT NULL,
	"responsibility_letter_signed" boolean NOT NULL,
	"last_inspected_on" date,
	"rentable" boolean NOT NULL,
	"valid_from" timestamp with time zone NOT NULL,
	"valid_to" timestamp with time zone,
	-- The transaction that wrote the period: a second change in it rewrites the period in place.
	"tx" bigint DEFAULT txid_current() NOT NULL,
	CONSTRAINT "rental_building_history_range" CHECK ("valid_to" IS NULL OR "valid_to" >= "valid_from")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "rental_building_history_open_uq" ON "rental_building_history" ("building_id") WHERE "valid_to" IS NULL;
--> statement-breakpoint
CREATE INDEX "rental_building_history_from_idx" ON "rental_building_history" ("valid_from");
--> statement-breakpoint
INSERT INTO "rental_building_history" (building_id, grid_cell_id, registration_status, units, rented_units,
  responsibility_letter_signed, last_inspected_on, rentable, valid_from)
SELECT id, grid_cell_id, registration_status, units, rented_units, responsibility_letter_signed, last_inspected_on, rentable, created_at
FROM "rental_buildings";
--> statement-breakpoint
-- A restore copies the history as it was; the triggers stand aside while it runs.
CREATE FUNCTION rental_history_paused() RETURNS boolean LANGUAGE sql STABLE AS
$$ SELECT coalesce(current_setting('grid_atlas.restoring', true), '') = 'on' $$;
--> statement-breakpoint
CREATE FUNCTION rental_history_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF rental_history_paused() THEN RETURN NULL; END IF;
  INSERT INTO rental_building_history (building_id, grid_cell_id, registration_status, units, rented_units,
    responsibility_letter_signed, last_inspected_on, rentable, valid_from)
  SELECT n.id, n.grid_cell_id, n.registration_status, n.units, n.rented_units, n.responsibility_letter_signed,
    n.last_inspected_on, n.rentable, now()
  FROM new_rows n;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Updates and deletes are row triggers: an UPDATE touches only the rows whose figures-relevant
-- columns changed (the WHEN clause), each through the open-period index. (A statement trigger
-- joining the transition tables was planned as a nested loop: minutes for 25,000 rows.) A second
-- change in the same transaction rewrites the period that transaction opened.
CREATE FUNCTION rental_history_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  open_from timestamptz;
  stamp timestamptz;
BEGIN
  IF rental_history_paused() THEN RETURN NULL; END IF;
  UPDATE rental_building_history SET grid_cell_id = NEW.grid_cell_id, registration_status = NEW.registration_status,
    units = NEW.units, rented_units = NEW.rented_units, responsibility_letter_signed = NEW.responsibility_letter_signed,
    last_inspected_on = NEW.last_inspected_on, rentable = NEW.rentable
  WHERE building_id = NEW.id AND valid_to IS NULL AND tx = txid_current() AND valid_from = now();
  IF FOUND THEN RETURN NULL; END IF;
  -- now() is when this transaction began: one that began earlier but writes after another
  -- transaction's change starts where that change's period starts, so periods never run backwards.
  SELECT valid_from INTO open_from FROM rental_building_history WHERE building_id = NEW.id AND valid_to IS NULL;
  stamp := greatest(now(), coalesce(open_from, now()));
  UPDATE rental_building_history SET valid_to = stamp WHERE building_id = NEW.id AND valid_to IS NULL;
  INSERT INTO rental_building_history (building_id, grid_cell_id, registration_status, units, rented_units,
    responsibility_letter_signed, last_inspected_on, rentable, valid_from)
  VALUES (NEW.id, NEW.grid_cell_id, NEW.registration_status, NEW.units, NEW.rented_units, NEW.responsibility_letter_signed,
    NEW.last_inspected_on, NEW.rentable, stamp);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION rental_history_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF rental_history_paused() THEN RETURN NULL; END IF;
  UPDATE rental_building_history SET valid_to = greatest(now(), valid_from) WHERE building_id = OLD.id AND valid_to IS NULL;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER rental_buildings_history_insert AFTER INSERT ON rental_buildings
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rental_history_on_insert();
--> statement-breakpoint
CREATE TRIGGER rental_buildings_history_update AFTER UPDATE ON rental_buildings FOR EACH ROW
WHEN ((OLD.grid_cell_id, OLD.registration_status, OLD.units, OLD.rented_units, OLD.responsibility_letter_signed, OLD.last_inspected_on, OLD.rentable)
  IS DISTINCT FROM (NEW.grid_cell_id, NEW.registration_status, NEW.units, NEW.rented_units, NEW.responsibility_letter_signed, NEW.last_inspected_on, NEW.rentable))
EXECUTE FUNCTION rental_history_on_update();
--> statement-breakpoint
CREATE TRIGGER rental_buildings_history_delete AFTER DELETE ON rental_buildings FOR EACH ROW EXECUTE FUNCTION rental_history_on_delete();
--> statement-breakpoint
-- A month's figures once it has ended (China time): per unit, each metric's numerator and
-- denominator; the targets then in force are kept once per month in monthly_freezes.
CREATE TABLE "monthly_freezes" (
	"month" date PRIMARY KEY NOT NULL,
	"frozen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"frozen_by" text NOT NULL,
	"targets" jsonb NOT NULL,
	"parameters" jsonb NOT NULL,
	CONSTRAINT "monthly_freezes_first_day" CHECK (extract(day from "month") = 1)
);
--> statement-breakpoint
CREATE TABLE "monthly_figures" (
	"month" date NOT NULL REFERENCES "monthly_freezes"("month") ON DELETE CASCADE,
	"unit" text NOT NULL,
	"code" text NOT NULL,
	"street_code" text NOT NULL,
	"tallies" jsonb NOT NULL,
	CONSTRAINT "monthly_figures_pk" PRIMARY KEY ("month", "unit", "code"),
	CONSTRAINT "monthly_figures_unit" CHECK ("unit" IN ('grid-cells', 'communities', 'streets', 'district'))
);
--> statement-breakpoint
-- District settings other than coverage targets (e.g. the rectification deadline), with history.
CREATE TABLE "district_settings" (
	"id" serial PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"value" jsonb NOT NULL,
	"valid_from" date NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"recorded_by" text NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "district_settings_key_from" UNIQUE ("key", "valid_from")
);
--> statement-breakpoint
-- One table serves every write that takes an Idempotency-Key: the first result is kept and a
-- replay of the same key by the same account returns it, changing nothing again.
CREATE TABLE "idempotency_keys" (
	"owner" text NOT NULL,
	"key" text NOT NULL,
	"request" text NOT NULL,
	"status" integer NOT NULL,
	"body" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_pk" PRIMARY KEY ("owner", "key")
);
