// GET /api/analytics/hotspots → GeoJSON FeatureCollection (one feature per unit) + summary; street offices get their own street only
import { HotspotParams, getHotspots } from "@/lib/analytics/get-hotspots";
import { geoJson } from "@/lib/http/json";
import { route } from "@/lib/http/route";
import { searchParamsObject } from "@/lib/http/search-params";

export const dynamic = "force-dynamic";

export const GET = route(async ({ request, actor, database }) => {
  const params = HotspotParams.parse(searchParamsObject(new URL(request.url)));
  return geoJson(await getHotspots(database.db, actor, params));
});
