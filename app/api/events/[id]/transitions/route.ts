// POST /api/events/{id}/transitions {to, note?, department?, due_on?} (If-Match optional) → the case moved on;
// 409 with the allowed moves when the flow does not allow it
import { NextResponse } from "next/server";
import { TransitionInput, transitionCase } from "@/lib/cases/transitions";
import { readJson } from "@/lib/http/read-json";
import { route } from "@/lib/http/route";
import { etag, ifMatchVersion } from "@/lib/http/versions";
import { eventId } from "@/lib/register/events";

export const dynamic = "force-dynamic";

export const POST = route<{ id: string }>(async ({ request, params, actor, database }) => {
  const input = TransitionInput.parse(await readJson(request, 10_000));
  const event = await transitionCase(database.db, actor, eventId(params.id), input, ifMatchVersion(request));
  return NextResponse.json(event, { headers: { ETag: etag(event.version) } });
});
