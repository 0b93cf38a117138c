// GET /api/imports/{id} → status, progress, validation report; DELETE → discard the staged rows (only the importer's own)
import { NextResponse } from "next/server";
import { discardImport, getImport } from "@/lib/imports/imports";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = route<{ id: string }>(async ({ params, actor, database }) =>
  NextResponse.json(await getImport(database.db, actor, params.id), { headers: { "Cache-Control": "no-store" } }),
);

export const DELETE = route<{ id: string }>(async ({ params, actor, database }) => {
  await discardImport(database.db, actor, params.id);
  return new Response(null, { status: 204 });
});
