// GET /api/analytics/event-series?from=&to=&categories=&street=&cell=&step=week → events per step by category
import { NextResponse } from "next/server";
import { EventSeriesParams, getEventSeries } from "@/lib/analytics/get-event-series";
import { route } from "@/lib/http/route";
import { searchParamsObject } from "@/lib/http/search-params";

export const dynamic = "force-dynamic";

export const GET = route(async ({ request, actor, database }) => {
  const params = EventSeriesParams.parse(searchParamsObject(new URL(request.url)));
  return NextResponse.json(await getEventSeries(database.db, actor, params), { headers: { "Cache-Control": "no-store" } });
});
