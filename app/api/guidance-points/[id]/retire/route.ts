// POST /api/guidance-points/{id}/retire {note} + If-Match → retired (kept in history)
import { GUIDANCE_POINTS } from "@/lib/plans/guidance-points";
import { planTransition } from "@/lib/plans/plan-routes";

export const dynamic = "force-dynamic";
export const POST = planTransition(GUIDANCE_POINTS, "retire");
