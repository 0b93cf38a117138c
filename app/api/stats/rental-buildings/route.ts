// GET /api/stats/rental-buildings?street= → counts by registration status
import { NextResponse } from "next/server";
import { searchParamsObject } from "@/lib/http/search-params";
import { getDatabase } from "@/lib/db/client";
import { handle } from "@/lib/http/handle";
import { countRentalBuildings, RentalBuildingStatsParams } from "@/lib/stats/count-rental-buildings";

export const dynamic = "force-dynamic";

export const GET = handle(async (request: Request) => {
  const params = RentalBuildingStatsParams.parse(searchParamsObject(new URL(request.url)));
  return NextResponse.json(await countRentalBuildings((await getDatabase()).db, params), { headers: { "Cache-Control": "no-store" } });
});
