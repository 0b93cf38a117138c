// GET /api/guidance-points?status=&as_of=&bbox= → FeatureCollection; POST Feature → 201 draft (planners)
import { GUIDANCE_POINTS } from "@/lib/plans/guidance-points";
import { GuidancePointFeature } from "@/lib/plans/plan-input";
import { planCollection } from "@/lib/plans/plan-routes";

export const dynamic = "force-dynamic";
const routes = planCollection(GUIDANCE_POINTS, GuidancePointFeature);
export const GET = routes.GET;
export const POST = routes.POST;
