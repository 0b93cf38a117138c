// GET /api/cases?from&to&categories&street&department&status&overdue&limit → the case list with
// overdue counts per street and department, median time to resolve and the clearance rate (取缔率)
import { NextResponse } from "next/server";
import { CaseListParams, listCases } from "@/lib/cases/list-cases";
import { route } from "@/lib/http/route";
import { searchParamsObject } from "@/lib/http/search-params";

export const dynamic = "force-dynamic";

export const GET = route(async ({ request, actor, database }) => {
  const params = CaseListParams.parse(searchParamsObject(new URL(request.url)));
  return NextResponse.json(await listCases(database.db, actor, params), { headers: { "Cache-Control": "no-store" } });
});
