// GET /api/analytics/density → GeoJSON FeatureCollection (one feature per unit) + summary
import { getDatabase } from "@/lib/db/client";
import { DensityParams, getDensity } from "@/lib/analytics/get-density";
import { searchParamsObject } from "@/lib/http/search-params";
import { handle } from "@/lib/http/handle";
import { geoJson } from "@/lib/http/json";

export const dynamic = "force-dynamic";

export const GET = handle(async (request: Request) => {
  const params = DensityParams.parse(searchParamsObject(new URL(request.url)));
  return geoJson(await getDensity((await getDatabase()).db, params));
});
