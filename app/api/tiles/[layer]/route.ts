// GET /api/tiles/{layer}.json → TileJSON 3.0.0
import { NextResponse } from "next/server";
import { getDistrictBounds } from "@/lib/boundaries/get-district-bounds";
import { getDatabase } from "@/lib/db/client";
import { NotFoundError } from "@/lib/http/errors";
import { handle } from "@/lib/http/handle";
import { searchParamsObject } from "@/lib/http/search-params";
import { isTileLayerId, TILE_LAYER_IDS } from "@/lib/tiles/layers";
import { TileFilter } from "@/lib/tiles/tile-params";
import { tileJson } from "@/lib/tiles/tilejson";

export const dynamic = "force-dynamic";

export const GET = handle(async (request: Request, { params }: { params: Promise<{ layer: string }> }) => {
  const { layer: raw } = await params;
  const layer = raw.endsWith(".json") ? raw.slice(0, -5) : "";
  if (!isTileLayerId(layer)) throw new NotFoundError(`unknown layer "${raw}"; use /api/tiles/<layer>.json with one of ${TILE_LAYER_IDS.join(", ")}`);
  const url = new URL(request.url);
  TileFilter.parse(searchParamsObject(url)); // reject bad filters here rather than in every tile
  const bounds = await getDistrictBounds((await getDatabase()).db);
  return NextResponse.json(tileJson(layer, url.origin, url.searchParams.toString(), bounds));
});
