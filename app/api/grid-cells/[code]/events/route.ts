// GET /api/grid-cells/{code}/events?from&to&categories&limit → the cell's events in the window:
// counts by category and the latest ones (street offices: own street only)
import { NextResponse } from "next/server";
import { CellCode } from "@/lib/register/grid-cells";
import { CellEventsParams, cellEvents } from "@/lib/register/cell-events";
import { NotFoundError } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { searchParamsObject } from "@/lib/http/search-params";

export const dynamic = "force-dynamic";

export const GET = route<{ code: string }>(async ({ request, params, actor, database }) => {
  const code = CellCode.safeParse(params.code);
  if (!code.success) throw new NotFoundError(`no grid cell ${params.code.slice(0, 40)}`);
  const query = CellEventsParams.parse(searchParamsObject(new URL(request.url)));
  return NextResponse.json(await cellEvents(database.db, actor, code.data, query), { headers: { "Cache-Control": "no-store" } });
});
