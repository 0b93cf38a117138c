// POST /api/guidance-points/validate {geometry} → errors and zone conflicts; saves nothing
import { NextResponse } from "next/server";
import { checkGuidancePoint } from "@/lib/plans/check-guidance-point";
import { PointDraft } from "@/lib/plans/plan-input";
import { readJson } from "@/lib/http/read-json";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const POST = route(async ({ request, actor, database }) => {
  const draft = PointDraft.parse(await readJson(request, 10_000));
  return NextResponse.json(await checkGuidancePoint(database.db, actor, draft.geometry));
});
