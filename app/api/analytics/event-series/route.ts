// GET /api/analytics/event-series?from=&to=&categories=&street=&cell=&step=week → events per step by category
import { NextResponse } from "next/server";
import { EventSeriesParams, getEventSeries } from "@/lib/analytics/get-event-series";
import { searchParamsObject } from "@/lib/http/search-params";
import { getDatabase } from "@/lib/db/client";
import { handle } from "@/lib/http/handle";

export const dynamic = "force-dynamic";

export const GET = handle(async (request: Request) => {
  const params = EventSeriesParams.parse(searchParamsObject(new URL(request.url)));
  return NextResponse.json(await getEventSeries((await getDatabase()).db, params), { headers: { "Cache-Control": "no-store" } });
});
