// POST /api/zones/{id}/publish {note} + If-Match → draft becomes active, unless conflicts block it (409)
import { planTransition } from "@/lib/plans/plan-routes";
import { ZONES } from "@/lib/plans/zones";

export const dynamic = "force-dynamic";
export const POST = planTransition(ZONES, "publish");
