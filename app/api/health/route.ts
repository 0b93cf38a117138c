// GET /api/health → { status, db: "embedded" | "postgres", postgis, demo, counts } — public, for probes
import { NextResponse } from "next/server";
import { getHealth } from "@/lib/health/get-health";
import { publicRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = publicRoute(async ({ database }) => {
  const health = await getHealth(database);
  return NextResponse.json(health, { headers: { "Cache-Control": "no-store" } });
});
