// PUT /api/events/{id}/photo (body: a JPEG, PNG or WebP image) → 200 {event_id, width, height, bytes}
//   re-encoded without metadata; sending it again replaces it. 413 over 8 MB, 415 not an image.
// GET /api/events/{id}/photo → the JPEG (staff who may read the register; never public)
import { NextResponse } from "next/server";
import { eventId } from "@/lib/register/events";
import { getEventPhoto, MAX_PHOTO_BYTES, putEventPhoto } from "@/lib/register/event-photos";
import { HttpError } from "@/lib/http/errors";
import { readBytes } from "@/lib/http/read-json";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const PUT = route<{ id: string }>(async ({ request, params, actor, database }) => {
  const id = eventId(params.id);
  const type = request.headers.get("content-type") ?? "";
  let bytes: Buffer;
  try {
    bytes = await readBytes(request, MAX_PHOTO_BYTES);
  } catch (error) {
    if (error instanceof HttpError && error.status === 413) throw new HttpError(413, "").as("photo.too_large", { mb: MAX_PHOTO_BYTES / 1_000_000 });
    throw error;
  }
  return NextResponse.json(await putEventPhoto(database.db, actor, id, type, bytes));
});

export const GET = route<{ id: string }>(async ({ params, actor, database }) => {
  const photo = await getEventPhoto(database.db, actor, eventId(params.id));
  return new NextResponse(new Uint8Array(photo), { headers: { "Content-Type": "image/jpeg", "Cache-Control": "private, no-store" } });
});
