// POST /api/alerts/seen → the reader has opened the alert list (the unread badge starts again from zero)
import { NextResponse } from "next/server";
import { markAlertsSeen } from "@/lib/command/alerts";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const POST = route(async ({ actor, database }) => {
  await markAlertsSeen(database.db, actor);
  return new NextResponse(null, { status: 204 });
});
