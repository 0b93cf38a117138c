// GET /api/analytics/density → GeoJSON FeatureCollection (one feature per unit) + summary; street offices get their own street only
import { DensityParams, getDensity } from "@/lib/analytics/get-density";
import { geoJson } from "@/lib/http/json";
import { route } from "@/lib/http/route";
import { searchParamsObject } from "@/lib/http/search-params";

export const dynamic = "force-dynamic";

export const GET = route(async ({ request, actor, database }) => {
  const params = DensityParams.parse(searchParamsObject(new URL(request.url)));
  return geoJson(await getDensity(database.db, actor, params));
});
