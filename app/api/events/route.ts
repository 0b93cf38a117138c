// POST /api/events {category, occurred_at, geometry: Point, status?, source?} → 201 the new event (street offices, own street)
import { NextResponse } from "next/server";
import { createEvent, NewEvent } from "@/lib/register/events";
import { readJson } from "@/lib/http/read-json";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const POST = route(async ({ request, actor, database }) => {
  const input = NewEvent.parse(await readJson(request, 10_000));
  return NextResponse.json(await createEvent(database.db, actor, input), { status: 201 });
});
