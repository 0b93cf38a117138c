// POST /api/imports/{id}/commit → every accepted row in one transaction (or nothing: 422); audited
import { NextResponse } from "next/server";
import { commitImport } from "@/lib/imports/imports";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const POST = route<{ id: string }>(async ({ params, actor, database }) => NextResponse.json(await commitImport(database.db, actor, params.id)));
