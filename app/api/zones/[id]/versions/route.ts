// GET /api/zones/{id}/versions → every saved version, newest first: who, when, why, what
import { planVersions } from "@/lib/plans/plan-routes";
import { ZONES } from "@/lib/plans/zones";

export const dynamic = "force-dynamic";
export const GET = planVersions(ZONES);
