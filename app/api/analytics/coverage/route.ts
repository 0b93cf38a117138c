// GET /api/analytics/coverage → GeoJSON FeatureCollection (one feature per unit) + summary; street offices get their own street only
import { CoverageParams, getCoverage } from "@/lib/analytics/get-coverage";
import { geoJson } from "@/lib/http/json";
import { route } from "@/lib/http/route";
import { searchParamsObject } from "@/lib/http/search-params";

export const dynamic = "force-dynamic";

export const GET = route(async ({ request, actor, database }) => {
  const params = CoverageParams.parse(searchParamsObject(new URL(request.url)));
  return geoJson(await getCoverage(database.db, actor, params));
});
