// GET /api/analytics/emerging-hotspots → GeoJSON FeatureCollection (one feature per unit) + summary; street offices get their own street only
import { EmergingParams, getEmergingHotspots } from "@/lib/analytics/get-emerging-hotspots";
import { geoJson } from "@/lib/http/json";
import { route } from "@/lib/http/route";
import { searchParamsObject } from "@/lib/http/search-params";

export const dynamic = "force-dynamic";

export const GET = route(async ({ request, actor, database }) => {
  const params = EmergingParams.parse(searchParamsObject(new URL(request.url)));
  return geoJson(await getEmergingHotspots(database.db, actor, params));
});
