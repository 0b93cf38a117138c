-- Grid workers in the field (issue #18): a grid_worker account belongs to one street, like a
-- street office, and works the cells it is responsible for (grid_cells.responsible_user_id).
-- The new enum value is compared as text below: PostgreSQL does not let a transaction use an enum
-- value it has just added.
ALTER TYPE "public"."user_role" ADD VALUE IF NOT EXISTS 'grid_worker';--> statement-breakpoint
ALTER TABLE "users" DROP CONSTRAINT "users_street_scope";--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_street_scope" CHECK (("role"::text in ('street_office', 'grid_worker')) = ("street_code" IS NOT NULL));--> statement-breakpoint
-- What the reporter saw, in words (places and findings only, never persons).
ALTER TABLE "events" ADD COLUMN "note" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_note_length" CHECK (char_length("note") <= 500);--> statement-breakpoint
-- One photo per event, re-encoded on upload so no location or camera metadata survives; shown to
-- staff only. Only the account that uploaded it may replace it (a replayed upload).
CREATE TABLE "event_photos" (
	"event_id" bigint PRIMARY KEY NOT NULL REFERENCES "events"("id") ON DELETE CASCADE,
	"content_type" text NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"bytes" bytea NOT NULL,
	"uploaded_by" integer REFERENCES "users"("id") ON DELETE SET NULL,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "event_photos_type" CHECK ("content_type" = 'image/jpeg'),
	CONSTRAINT "event_photos_size" CHECK (octet_length("bytes") <= 4000000)
);
