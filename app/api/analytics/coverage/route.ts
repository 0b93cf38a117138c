// GET /api/analytics/coverage → GeoJSON FeatureCollection (one feature per unit) + summary
import { getDatabase } from "@/lib/db/client";
import { CoverageParams, getCoverage } from "@/lib/analytics/get-coverage";
import { searchParamsObject } from "@/lib/http/search-params";
import { handle } from "@/lib/http/handle";
import { geoJson } from "@/lib/http/json";

export const dynamic = "force-dynamic";

export const GET = handle(async (request: Request) => {
  const params = CoverageParams.parse(searchParamsObject(new URL(request.url)));
  return geoJson(await getCoverage((await getDatabase()).db, params));
});
