// GET /api/guidance-points/{id} (ETag = version); PUT / PATCH / DELETE need If-Match — planners
import { GUIDANCE_POINTS } from "@/lib/plans/guidance-points";
import { GuidancePointFeature, GuidancePointPatch } from "@/lib/plans/plan-input";
import { planItem } from "@/lib/plans/plan-routes";

export const dynamic = "force-dynamic";
const routes = planItem(GUIDANCE_POINTS, GuidancePointFeature, GuidancePointPatch);
export const GET = routes.GET;
export const PUT = routes.PUT;
export const PATCH = routes.PATCH;
export const DELETE = routes.DELETE;
