-- Zones drawn from a rule around hospitals, markets and transit hubs get a category of their own
-- (before, they fell under "other").
ALTER TYPE "public"."zone_category" ADD VALUE IF NOT EXISTS 'hospital_surroundings';--> statement-breakpoint
ALTER TYPE "public"."zone_category" ADD VALUE IF NOT EXISTS 'market_surroundings';--> statement-breakpoint
ALTER TYPE "public"."zone_category" ADD VALUE IF NOT EXISTS 'transit_hub_surroundings';
