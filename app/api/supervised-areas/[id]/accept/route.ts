// POST /api/supervised-areas/{id}/accept {note} → 验收摘牌, only when the target is met (409 with the weeks otherwise)
import { NextResponse } from "next/server";
import { AcceptArea, acceptSupervisedArea, areaId } from "@/lib/command/supervised-areas";
import { readJson } from "@/lib/http/read-json";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const POST = route<{ id: string }>(async ({ request, params, actor, database }) => {
  const { note } = AcceptArea.parse(await readJson(request, 5_000));
  return NextResponse.json(await acceptSupervisedArea(database.db, actor, areaId(params.id), note));
});
