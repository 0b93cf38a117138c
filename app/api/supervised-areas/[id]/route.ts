// GET /api/supervised-areas/{id} → one supervised area with its weekly series
import { NextResponse } from "next/server";
import { areaId, getSupervisedArea } from "@/lib/command/supervised-areas";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = route<{ id: string }>(async ({ params, actor, database }) =>
  NextResponse.json(await getSupervisedArea(database.db, actor, areaId(params.id)), { headers: { "Cache-Control": "no-store" } }),
);
