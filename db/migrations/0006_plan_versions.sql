CREATE TABLE "plan_versions" (
	"kind" text NOT NULL,
	"feature_id" integer NOT NULL,
	"version" integer NOT NULL,
	"action" text NOT NULL,
	"status" text NOT NULL,
	"note" text,
	"actor" text NOT NULL,
	"user_id" integer,
	"saved_at" timestamp with time zone DEFAULT now() NOT NULL,
	"properties" jsonb NOT NULL,
	"geom" geometry(Geometry,4326) NOT NULL,
	CONSTRAINT "plan_versions_kind_feature_id_version_pk" PRIMARY KEY("kind","feature_id","version")
);
--> statement-breakpoint
ALTER TABLE "no_stall_zones" ADD COLUMN "rule" jsonb;--> statement-breakpoint
ALTER TABLE "plan_versions" ADD CONSTRAINT "plan_versions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "plan_versions_saved_at_idx" ON "plan_versions" USING btree ("kind","saved_at");--> statement-breakpoint
-- History starts with what exists (lib/plans/versions.ts recordInitialVersions does the same for new seeds).
INSERT INTO plan_versions (kind, feature_id, version, action, status, note, actor, saved_at, properties, geom)
SELECT 'zone', t.id, t.version, 'create', t.status::text, 'existing before version history', 'system',
       least(t.created_at, t.valid_from::timestamptz),
       jsonb_build_object('name', t.name, 'category', t.category, 'legal_basis', t.legal_basis, 'valid_from', t.valid_from::text,
                          'valid_to', t.valid_to::text, 'status', t.status, 'version', t.version, 'rule', t.rule),
       t.geom
FROM no_stall_zones t;
--> statement-breakpoint
INSERT INTO plan_versions (kind, feature_id, version, action, status, note, actor, saved_at, properties, geom)
SELECT 'guidance_point', t.id, t.version, 'create', t.status::text, 'existing before version history', 'system', t.created_at,
       jsonb_build_object('name', t.name, 'capacity', t.capacity, 'occupied_stalls', t.occupied_stalls, 'opening_hours', t.opening_hours,
                          'allowed_goods', to_jsonb(t.allowed_goods), 'reserved_priority_slots', t.reserved_priority_slots,
                          'status', t.status, 'version', t.version),
       t.geom
FROM guidance_points t;
