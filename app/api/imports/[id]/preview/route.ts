// GET /api/imports/{id}/preview → GeoJSON of the first 2,000 staged rows with verdict and reason (the importer's own)
import { NextResponse } from "next/server";
import { previewImport } from "@/lib/imports/imports";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = route<{ id: string }>(async ({ params, actor, database }) =>
  NextResponse.json(await previewImport(database.db, actor, params.id), { headers: { "Content-Type": "application/geo+json", "Cache-Control": "no-store" } }),
);
