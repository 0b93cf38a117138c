// GET /api/events/{id} → one event with its case (department, due date, allowed moves, history) and ETag;
// PATCH {department?, due_on?, note?} with If-Match → another department or deadline for an open case
// (the command centre; street offices in their own street)
import { NextResponse } from "next/server";
import { CaseChange, changeCase } from "@/lib/cases/transitions";
import { eventId, getEvent } from "@/lib/register/events";
import { readJson } from "@/lib/http/read-json";
import { route } from "@/lib/http/route";
import { etag, ifMatchVersion } from "@/lib/http/versions";

export const dynamic = "force-dynamic";

export const GET = route<{ id: string }>(async ({ params, actor, database }) => {
  const event = await getEvent(database.db, actor, eventId(params.id));
  return NextResponse.json(event, { headers: { ETag: etag(event.version), "Cache-Control": "no-store" } });
});

export const PATCH = route<{ id: string }>(async ({ request, params, actor, database }) => {
  const change = CaseChange.parse(await readJson(request, 10_000));
  const event = await changeCase(database.db, actor, eventId(params.id), change, ifMatchVersion(request));
  return NextResponse.json(event, { headers: { ETag: etag(event.version) } });
});
