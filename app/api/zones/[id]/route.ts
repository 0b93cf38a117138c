// GET /api/zones/{id} (ETag = version); PUT / PATCH / DELETE need If-Match (428 without, 412 stale) — planners
import { ZoneFeature, ZonePatch } from "@/lib/plans/plan-input";
import { planItem } from "@/lib/plans/plan-routes";
import { ZONES } from "@/lib/plans/zones";

export const dynamic = "force-dynamic";
const routes = planItem(ZONES, ZoneFeature, ZonePatch);
export const GET = routes.GET;
export const PUT = routes.PUT;
export const PATCH = routes.PATCH;
export const DELETE = routes.DELETE;
