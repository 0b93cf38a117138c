// GET /api/audit?entity=&action=&actor=&from=&to=&before=&limit= → audit entries, newest first (admins)
import { NextResponse } from "next/server";
import { AuditQuery, listAudit } from "@/lib/audit/list-audit";
import { route } from "@/lib/http/route";
import { searchParamsObject } from "@/lib/http/search-params";

export const dynamic = "force-dynamic";

export const GET = route(async ({ request, actor, database }) => {
  const q = AuditQuery.parse(searchParamsObject(new URL(request.url)));
  return NextResponse.json(await listAudit(database.db, actor, q), { headers: { "Cache-Control": "no-store" } });
});
