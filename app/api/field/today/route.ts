// GET /api/field/today → a grid worker's cells, their buildings, near rectifications and open cases (the field app's data)
import { NextResponse } from "next/server";
import { getFieldToday } from "@/lib/field/field-today";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = route(async ({ actor, database }) => {
  // no-store for HTTP caches: the field app's service worker keeps its own copy for offline use.
  return NextResponse.json(await getFieldToday(database.db, actor), { headers: { "Cache-Control": "no-store" } });
});
