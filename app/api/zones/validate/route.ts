// POST /api/zones/validate {geometry, id?} → errors, overlap warnings, conflicts, measurements and impact; saves nothing
import { NextResponse } from "next/server";
import { checkZone } from "@/lib/plans/check-zone";
import { ZoneDraft } from "@/lib/plans/plan-input";
import { readJson } from "@/lib/http/read-json";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const POST = route(async ({ request, actor, database }) => {
  const draft = ZoneDraft.parse(await readJson(request));
  return NextResponse.json(await checkZone(database.db, actor, draft.geometry, draft.id));
});
