// GET /api/health → { status, db: "embedded" | "postgres", postgis, demo, counts } — public, for probes.
// With the database away: 503, Retry-After, { status: "unavailable", db: "unreachable", error }.
import { NextResponse } from "next/server";
import { getDatabase } from "@/lib/db/client";
import { DatabaseSetupError, isDatabaseUnavailable } from "@/lib/db/errors";
import { getHealth } from "@/lib/health/get-health";
import { errorResponse, RETRY_AFTER_SECONDS } from "@/lib/http/handle";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  try {
    const health = await getHealth(await getDatabase());
    return NextResponse.json(health, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    if (!(error instanceof DatabaseSetupError) && !isDatabaseUnavailable(error)) return errorResponse(error);
    return NextResponse.json(
      { status: "unavailable", db: "unreachable", error: (error as Error).message },
      { status: 503, headers: { "Cache-Control": "no-store", "Retry-After": String(RETRY_AFTER_SECONDS) } },
    );
  }
}
