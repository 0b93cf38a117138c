// GET /api/imports/{id} → status, progress, validation report; DELETE → discard the staged rows (only the importer's own)
import { NextResponse } from "next/server";
import { discardImport, getImport } from "@/lib/imports/imports";
import { route } from "@/lib/http/route";
import { localeOfRequest } from "@/lib/i18n/request-locale";
import { importStatusIn } from "@/lib/imports/report-in-locale";

export const dynamic = "force-dynamic";

export const GET = route<{ id: string }>(async ({ request, params, actor, database }) =>
  NextResponse.json(importStatusIn(await getImport(database.db, actor, params.id), localeOfRequest(request)), { headers: { "Cache-Control": "no-store" } }),
);

export const DELETE = route<{ id: string }>(async ({ params, actor, database }) => {
  await discardImport(database.db, actor, params.id);
  return new Response(null, { status: 204 });
});
