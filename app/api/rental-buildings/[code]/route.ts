// GET /api/rental-buildings/{code} → one building with its version (ETag)
// PATCH /api/rental-buildings/{code} {register fields} [If-Match] → street offices, own street only
import { NextResponse } from "next/server";
import { buildingCodeParam, getRentalBuilding, RentalBuildingChange, updateRentalBuilding } from "@/lib/register/rental-buildings";
import { readJson } from "@/lib/http/read-json";
import { route } from "@/lib/http/route";
import { etag, ifMatchVersion } from "@/lib/http/versions";

export const dynamic = "force-dynamic";

const code = buildingCodeParam;

export const GET = route<{ code: string }>(async ({ params, actor, database }) => {
  const building = await getRentalBuilding(database.db, actor, code(params.code));
  return NextResponse.json(building, { headers: { ETag: etag(building.version), "Cache-Control": "no-store" } });
});

export const PATCH = route<{ code: string }>(async ({ request, params, actor, database }) => {
  const change = RentalBuildingChange.parse(await readJson(request));
  const building = await updateRentalBuilding(database.db, actor, code(params.code), change, ifMatchVersion(request));
  return NextResponse.json(building, { headers: { ETag: etag(building.version) } });
});
