// GET /api/rental-buildings/{code}/checks → the building's checks (newest first) and rectifications
// POST /api/rental-buildings/{code}/checks {check} [Idempotency-Key] [If-Match: the building's version]
//   → 201 {check, building, opened, closed}; 412 {current, yours} when the building changed since
import { NextResponse } from "next/server";
import { listBuildingChecks } from "@/lib/checks/check-records";
import { NewBuildingCheck, recordBuildingCheck } from "@/lib/checks/record-check";
import { idempotencyKeyOf } from "@/lib/http/idempotency";
import { readJson } from "@/lib/http/read-json";
import { route } from "@/lib/http/route";
import { ifMatchVersion } from "@/lib/http/versions";
import { buildingCodeParam } from "@/lib/register/rental-buildings";

export const dynamic = "force-dynamic";

const code = buildingCodeParam;

export const GET = route<{ code: string }>(async ({ params, actor, database }) => {
  return NextResponse.json(await listBuildingChecks(database.db, actor, code(params.code)), { headers: { "Cache-Control": "no-store" } });
});

export const POST = route<{ code: string }>(async ({ request, params, actor, database }) => {
  const body = await readJson(request);
  const input = NewBuildingCheck.parse(body);
  const result = await recordBuildingCheck(database.db, actor, code(params.code), input, idempotencyKeyOf(request, actor, body), new Date(), ifMatchVersion(request));
  return NextResponse.json(result, { status: 201 });
});
