// POST /api/events {category, occurred_at, geometry: Point, source?, note?} [Idempotency-Key] → 201 the new event
//   (street offices: own street; grid workers: own cells)
import { NextResponse } from "next/server";
import { createEvent, NewEvent } from "@/lib/register/events";
import { idempotencyKeyOf } from "@/lib/http/idempotency";
import { readJson } from "@/lib/http/read-json";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const POST = route(async ({ request, actor, database }) => {
  const body = await readJson(request, 10_000);
  const input = NewEvent.parse(body);
  return NextResponse.json(await createEvent(database.db, actor, input, idempotencyKeyOf(request, actor, body)), { status: 201 });
});
