// POST /api/zones/{id}/retire {note} + If-Match → active becomes retired (kept in history)
import { planTransition } from "@/lib/plans/plan-routes";
import { ZONES } from "@/lib/plans/zones";

export const dynamic = "force-dynamic";
export const POST = planTransition(ZONES, "retire");
