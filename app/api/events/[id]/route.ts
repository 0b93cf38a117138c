// GET /api/events/{id} → one event; PATCH {status} → street offices, own street only
import { NextResponse } from "next/server";
import { EventChange, getEvent, updateEvent } from "@/lib/register/events";
import { NotFoundError } from "@/lib/http/errors";
import { readJson } from "@/lib/http/read-json";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

const eventId = (raw: string) => {
  if (!/^\d{1,15}$/.test(raw)) throw new NotFoundError(`no event ${raw.slice(0, 40)}`);
  return Number(raw);
};

export const GET = route<{ id: string }>(async ({ params, actor, database }) =>
  NextResponse.json(await getEvent(database.db, actor, eventId(params.id)), { headers: { "Cache-Control": "no-store" } }),
);

export const PATCH = route<{ id: string }>(async ({ request, params, actor, database }) => {
  const change = EventChange.parse(await readJson(request, 10_000));
  return NextResponse.json(await updateEvent(database.db, actor, eventId(params.id), change));
});
