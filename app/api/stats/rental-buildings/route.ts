// GET /api/stats/rental-buildings?street= → counts by registration status (street offices: own street)
import { NextResponse } from "next/server";
import { route } from "@/lib/http/route";
import { searchParamsObject } from "@/lib/http/search-params";
import { countRentalBuildings, RentalBuildingStatsParams } from "@/lib/stats/count-rental-buildings";

export const dynamic = "force-dynamic";

export const GET = route(async ({ request, actor, database }) => {
  const params = RentalBuildingStatsParams.parse(searchParamsObject(new URL(request.url)));
  return NextResponse.json(await countRentalBuildings(database.db, actor, params), { headers: { "Cache-Control": "no-store" } });
});
