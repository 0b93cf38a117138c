// GET /api/supervised-areas → supervised areas (挂牌督办) as GeoJSON with their weekly series against
// the target (street offices: their street's); POST {name, cells, department, category, max_per_week,
// target_weeks?, deadline} → 201 the new area (the command centre)
import { NextResponse } from "next/server";
import { listSupervisedAreas, NewSupervisedArea, openSupervisedArea } from "@/lib/command/supervised-areas";
import { readJson } from "@/lib/http/read-json";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = route(async ({ actor, database }) =>
  NextResponse.json(await listSupervisedAreas(database.db, actor), { headers: { "Cache-Control": "no-store" } }),
);

export const POST = route(async ({ request, actor, database }) => {
  const input = NewSupervisedArea.parse(await readJson(request, 20_000));
  return NextResponse.json(await openSupervisedArea(database.db, actor, input), { status: 201 });
});
