// GET /api/reports/trend[?street=&months=12] → the district's (or street's) figures month by month: frozen months, then this month live
import { NextResponse } from "next/server";
import { getMonthlyTrend, MonthlyTrendParams } from "@/lib/monthly/monthly-trend";
import { route } from "@/lib/http/route";
import { searchParamsObject } from "@/lib/http/search-params";

export const dynamic = "force-dynamic";

export const GET = route(async ({ request, actor, database }) => {
  const params = MonthlyTrendParams.parse(searchParamsObject(new URL(request.url)));
  return NextResponse.json({ months: await getMonthlyTrend(database.db, actor, params) }, { headers: { "Cache-Control": "no-store" } });
});
