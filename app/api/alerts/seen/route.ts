// POST /api/alerts/seen {until?} → the reader has seen the alerts up to `until` (the newest shown; now
// when absent): the unread badge counts from there
import { NextResponse } from "next/server";
import { z } from "zod";
import { markAlertsSeen } from "@/lib/command/alerts";
import { readJson } from "@/lib/http/read-json";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

const Seen = z.object({ until: z.iso.datetime({ offset: true, error: "until: the created_at of the newest alert shown" }).optional() }).strict();

export const POST = route(async ({ request, actor, database }) => {
  const text = await request.clone().text();
  const { until } = text.trim() ? Seen.parse(await readJson(request, 1_000)) : { until: undefined };
  await markAlertsSeen(database.db, actor, until);
  return new NextResponse(null, { status: 204 });
});
