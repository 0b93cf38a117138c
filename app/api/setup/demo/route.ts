// GET /api/setup/demo → what the demo district holds and what stands in the way of removing it (admins);
// DELETE /api/setup/demo → remove it in one transaction (200 with the rows removed; 409 with the reason when it cannot).
import { NextResponse } from "next/server";
import { demoSummary, removeDemoData } from "@/lib/setup/demo-data";
import { localeOfRequest } from "@/lib/i18n/request-locale";
import { rewordServerText } from "@/lib/i18n/server-messages";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = route(async ({ request, actor, database }) => {
  const summary = await demoSummary(database.db, actor);
  const locale = localeOfRequest(request);
  return NextResponse.json({ ...summary, blockers: summary.blockers.map((b) => rewordServerText(b, locale)) });
});

export const DELETE = route(async ({ actor, database }) => NextResponse.json({ removed: await removeDemoData(database.db, actor) }));
