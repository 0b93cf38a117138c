// GET /api/zones?status=&as_of=&bbox= → FeatureCollection; POST Feature → 201 draft (planners)
import { ZoneFeature } from "@/lib/plans/plan-input";
import { planCollection } from "@/lib/plans/plan-routes";
import { ZONES } from "@/lib/plans/zones";

export const dynamic = "force-dynamic";
const routes = planCollection(ZONES, ZoneFeature);
export const GET = routes.GET;
export const POST = routes.POST;
