// POST /api/imports/{id}/commit → every accepted row in one transaction (or nothing: 422); audited
import { NextResponse } from "next/server";
import { commitImport } from "@/lib/imports/imports";
import { route } from "@/lib/http/route";
import { localeOfRequest } from "@/lib/i18n/request-locale";
import { importStatusIn } from "@/lib/imports/report-in-locale";

export const dynamic = "force-dynamic";

export const POST = route<{ id: string }>(async ({ request, params, actor, database }) =>
  NextResponse.json(importStatusIn(await commitImport(database.db, actor, params.id), localeOfRequest(request))),
);
