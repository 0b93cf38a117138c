// GET /api/guidance-points/{id}/versions → every saved version, newest first
import { GUIDANCE_POINTS } from "@/lib/plans/guidance-points";
import { planVersions } from "@/lib/plans/plan-routes";

export const dynamic = "force-dynamic";
export const GET = planVersions(GUIDANCE_POINTS);
