// POST /api/alerts/run → run the weekly alert check now (the command centre); raises each alert once
import { NextResponse } from "next/server";
import { runAlerts } from "@/lib/command/alerts";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const POST = route(async ({ actor, database }) => NextResponse.json(await runAlerts(database.db, actor)));
