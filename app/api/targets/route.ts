// GET /api/targets → each coverage metric's target today, with its source and history.
// POST /api/targets (admins) {metric, value 0–1, valid_from, source_title | own_choice, …} → 201 the recorded row.
import { NextResponse } from "next/server";
import { route } from "@/lib/http/route";
import { readJson } from "@/lib/http/read-json";
import { listTargets, setTarget, TargetInput } from "@/lib/targets/coverage-targets";

export const dynamic = "force-dynamic";

export const GET = route(async ({ actor, database }) => NextResponse.json({ targets: await listTargets(database.db, actor) }, { headers: { "Cache-Control": "no-store" } }));

export const POST = route(async ({ request, actor, database }) => {
  const input = TargetInput.parse(await readJson(request, 10_000));
  return NextResponse.json(await setTarget(database.db, actor, input), { status: 201 });
});
