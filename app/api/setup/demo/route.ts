// GET /api/setup/demo → what the demo district holds and what stands in the way of removing it (admins);
// DELETE /api/setup/demo → remove it in one transaction (200 with the rows removed; 409 with the reason when it cannot).
import { NextResponse } from "next/server";
import { demoSummary, removeDemoData } from "@/lib/setup/demo-data";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = route(async ({ actor, database }) => NextResponse.json(await demoSummary(database.db, actor)));

export const DELETE = route(async ({ actor, database }) => NextResponse.json({ removed: await removeDemoData(database.db, actor) }));
