// GET /api/health → { status, db: "embedded" | "postgres" | "citus", citus_workers? (on a Citus coordinator), postgis, demo, counts } — public, for probes.
// With the database away: 503, Retry-After, { status: "unavailable", db: "unreachable", error }.
import { NextResponse } from "next/server";
import { getHealth } from "@/lib/health/get-health";
import { RETRY_AFTER_SECONDS } from "@/lib/http/error-response";
import { publicRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

const health = publicRoute(async ({ database }) => {
  return NextResponse.json(await getHealth(database), { headers: { "Cache-Control": "no-store" } });
});

export async function GET(request: Request, context: { params: Promise<Record<string, never>> }): Promise<Response> {
  const response = await health(request, context);
  if (response.status !== 503) return response;
  // lib/http maps "database unavailable" to 503 with Retry-After; probes also want it said plainly.
  const { error } = (await response.json()) as { error?: string };
  return NextResponse.json(
    { status: "unavailable", db: "unreachable", error },
    { status: 503, headers: { "Cache-Control": "no-store", "Retry-After": response.headers.get("Retry-After") ?? String(RETRY_AFTER_SECONDS) } },
  );
}
