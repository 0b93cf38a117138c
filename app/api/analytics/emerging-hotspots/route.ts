// GET /api/analytics/emerging-hotspots → GeoJSON FeatureCollection (one feature per unit) + summary
import { getDatabase } from "@/lib/db/client";
import { EmergingParams, getEmergingHotspots } from "@/lib/analytics/get-emerging-hotspots";
import { searchParamsObject } from "@/lib/http/search-params";
import { handle } from "@/lib/http/handle";
import { geoJson } from "@/lib/http/json";

export const dynamic = "force-dynamic";

export const GET = handle(async (request: Request) => {
  const params = EmergingParams.parse(searchParamsObject(new URL(request.url)));
  return geoJson(await getEmergingHotspots((await getDatabase()).db, params));
});
