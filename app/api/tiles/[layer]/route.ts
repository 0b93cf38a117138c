// GET /api/tiles/{layer}.json → TileJSON 3.0.0
import { NextResponse } from "next/server";
import { getDistrictBounds } from "@/lib/boundaries/get-district-bounds";
import { layerScope } from "@/lib/auth/layer-access";
import { NotFoundError } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { searchParamsObject } from "@/lib/http/search-params";
import { isTileLayerId, TILE_LAYER_IDS } from "@/lib/tiles/layers";
import { TileFilter } from "@/lib/tiles/tile-params";
import { tileJson } from "@/lib/tiles/tilejson";

export const dynamic = "force-dynamic";

export const GET = route<{ layer: string }>(async ({ request, params, actor, database }) => {
  const { layer: raw } = params;
  const layer = raw.endsWith(".json") ? raw.slice(0, -5) : "";
  if (!isTileLayerId(layer)) throw new NotFoundError(`unknown layer "${raw}"; use /api/tiles/<layer>.json with one of ${TILE_LAYER_IDS.join(", ")}`);
  layerScope(actor, layer); // may this actor read the layer at all?
  const url = new URL(request.url);
  TileFilter.parse(searchParamsObject(url)); // reject bad filters here rather than in every tile
  const bounds = await getDistrictBounds(database.db, actor);
  return NextResponse.json(tileJson(layer, url.origin, url.searchParams.toString(), bounds));
});
