// GET /api/alerts → the latest alerts with the reader's unread count (street offices: their street's)
import { NextResponse } from "next/server";
import { listAlerts } from "@/lib/command/alerts";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = route(async ({ actor, database }) => NextResponse.json(await listAlerts(database.db, actor), { headers: { "Cache-Control": "no-store" } }));
