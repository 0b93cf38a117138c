// GET /api/targets[?district=330303] → each coverage metric's target in force today in that district
//   (left out: the targets for all districts; a district's account: its own), with source and history.
// POST /api/targets (admins) {district_code?, metric, value 0–1, valid_from, source_title | own_choice, …} → 201 the recorded row.
import { NextResponse } from "next/server";
import { route } from "@/lib/http/route";
import { readJson } from "@/lib/http/read-json";
import { DistrictQuery } from "@/lib/districts/settings-district";
import { listTargets, setTarget, TargetInput } from "@/lib/targets/coverage-targets";

export const dynamic = "force-dynamic";

export const GET = route(async ({ request, actor, database }) => {
  const district = DistrictQuery.parse(new URL(request.url).searchParams.get("district") ?? undefined);
  return NextResponse.json(await listTargets(database.db, actor, { district }), { headers: { "Cache-Control": "no-store" } });
});

export const POST = route(async ({ request, actor, database }) => {
  const input = TargetInput.parse(await readJson(request, 10_000));
  return NextResponse.json(await setTarget(database.db, actor, input), { status: 201 });
});
