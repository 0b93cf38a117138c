// GET /api/reports/monthly?month=YYYY-MM&unit=streets|communities|grid-cells[&street=] → each unit's
// figures with target, gap and change from the month before. An ended month never changes (ETag).
import { NextResponse } from "next/server";
import { getMonthlyReport, MonthlyReportParams, reportEtag } from "@/lib/monthly/monthly-report";
import { route } from "@/lib/http/route";
import { searchParamsObject } from "@/lib/http/search-params";

export const dynamic = "force-dynamic";

export const GET = route(async ({ request, actor, database }) => {
  const params = MonthlyReportParams.parse(searchParamsObject(new URL(request.url)));
  const report = await getMonthlyReport(database.db, actor, params);
  const etag = reportEtag(report);
  const headers = { ETag: etag, "Cache-Control": "private, no-cache", Vary: "Cookie, Authorization" };
  if (request.headers.get("if-none-match") === etag) return new NextResponse(null, { status: 304, headers });
  return NextResponse.json(report, { headers });
});
