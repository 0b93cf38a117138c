// GET /api/health → { status, db: "embedded" | "postgres", postgis, demo, counts }
import { NextResponse } from "next/server";
import { getDatabase } from "@/lib/db/client";
import { getHealth } from "@/lib/health/get-health";
import { handle } from "@/lib/http/handle";

export const dynamic = "force-dynamic";

export const GET = handle(async () => {
  const health = await getHealth(await getDatabase());
  return NextResponse.json(health, { headers: { "Cache-Control": "no-store" } });
});
