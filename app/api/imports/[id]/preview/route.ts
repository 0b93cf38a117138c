// GET /api/imports/{id}/preview → GeoJSON of the first 2,000 staged rows with verdict and reason (the importer's own)
import { NextResponse } from "next/server";
import { previewImport } from "@/lib/imports/imports";
import { route } from "@/lib/http/route";
import { localeOfRequest } from "@/lib/i18n/request-locale";
import { previewIn } from "@/lib/imports/report-in-locale";

export const dynamic = "force-dynamic";

export const GET = route<{ id: string }>(async ({ request, params, actor, database }) =>
  NextResponse.json(previewIn(await previewImport(database.db, actor, params.id), localeOfRequest(request)), { headers: { "Content-Type": "application/geo+json", "Cache-Control": "no-store" } }),
);
