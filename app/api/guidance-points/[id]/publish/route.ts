// POST /api/guidance-points/{id}/publish {note} + If-Match → active, unless it is in or near an active zone (409)
import { GUIDANCE_POINTS } from "@/lib/plans/guidance-points";
import { planTransition } from "@/lib/plans/plan-routes";

export const dynamic = "force-dynamic";
export const POST = planTransition(GUIDANCE_POINTS, "publish");
