// GET /api/analytics/hotspots → GeoJSON FeatureCollection (one feature per unit) + summary
import { getDatabase } from "@/lib/db/client";
import { HotspotParams, getHotspots } from "@/lib/analytics/get-hotspots";
import { searchParamsObject } from "@/lib/http/search-params";
import { handle } from "@/lib/http/handle";
import { geoJson } from "@/lib/http/json";

export const dynamic = "force-dynamic";

export const GET = handle(async (request: Request) => {
  const params = HotspotParams.parse(searchParamsObject(new URL(request.url)));
  return geoJson(await getHotspots((await getDatabase()).db, params));
});
