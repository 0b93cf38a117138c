import "server-only";
import { sql } from "drizzle-orm";
import sharp from "sharp";
import { appendAudit } from "@/lib/audit/append-audit";
import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/auth/authorize";
import { inTransaction, queryOne } from "@/lib/db/query";
import type { Db } from "@/lib/db/types";
import { HttpError, NotFoundError } from "@/lib/http/errors";
import { cellScope } from "./scope";

/** What a phone may send: a photo as taken (the app shrinks it first; this is the ceiling). */
export const MAX_PHOTO_BYTES = 8_000_000;
const ACCEPTED_TYPES = ["image/jpeg", "image/png", "image/webp"];
/** Stored photos are at most this many pixels on their long side. */
const STORED_EDGE = 1600;

/**
 * Attach a photo to an event (one per event; sending it again replaces it, so a replayed upload
 * has one effect). The image is decoded and re-encoded as JPEG: whatever the camera wrote — GPS
 * position, device, time — is dropped with the old file, and anything that does not decode as an
 * image is refused (415). Only the event's own street office or grid worker may attach one, and
 * only the account that attached a photo may replace it (409 for anyone else).
 */
export async function putEventPhoto(db: Db, actor: Actor, eventId: number, contentType: string, bytes: Buffer): Promise<{ event_id: number; width: number; height: number; bytes: number }> {
  authorize(actor, "record:field");
  if (!ACCEPTED_TYPES.includes(contentType.split(";")[0]!.trim().toLowerCase())) throw new HttpError(415, "").as("photo.not_image");
  if (bytes.byteLength > MAX_PHOTO_BYTES) throw new HttpError(413, "").as("photo.too_large", { mb: MAX_PHOTO_BYTES / 1_000_000 });
  const photo = await reencode(bytes);
  return inTransaction(db, async (t) => {
    const event = await queryOne<{ uploaded_by: number | null; has_photo: boolean }>(
      t,
      // The event (locked) and its photo first, then its cell: see getEvent for why.
      sql`with e as materialized (
            select e.grid_cell_id, p.uploaded_by, p.event_id is not null as has_photo
            from events e left join event_photos p on p.event_id = e.id where e.id = ${eventId} for update of e)
          select e.uploaded_by, e.has_photo from e left join grid_cells g on g.id = e.grid_cell_id where ${cellScope(actor)}`,
    );
    if (!event) throw new NotFoundError(`no event ${eventId}`);
    if (event.has_photo && (event.uploaded_by === null || event.uploaded_by !== actor.userId)) throw new HttpError(409, "").as("photo.exists", { id: eventId });
    await t.execute(
      sql`insert into event_photos (event_id, content_type, width, height, bytes, uploaded_by)
          values (${eventId}, 'image/jpeg', ${photo.width}, ${photo.height}, decode(${photo.data.toString("base64")}, 'base64'), ${actor.userId})
          on conflict (event_id) do update set width = excluded.width, height = excluded.height, bytes = excluded.bytes, uploaded_at = now()`,
    );
    await appendAudit(t, actor, { entity: "events", entityId: eventId, action: "photo", after: { width: photo.width, height: photo.height, bytes: photo.data.byteLength } });
    return { event_id: eventId, width: photo.width, height: photo.height, bytes: photo.data.byteLength };
  });
}

/** The stored photo, for staff who may read the register (a street office: its own street). */
export async function getEventPhoto(db: Db, actor: Actor, eventId: number): Promise<Buffer> {
  authorize(actor, "read:register");
  const row = await queryOne<{ data: string }>(
    db,
    sql`with e as materialized (
          select e.grid_cell_id, p.bytes from event_photos p join events e on e.id = p.event_id where p.event_id = ${eventId})
        select encode(e.bytes, 'base64') as data from e left join grid_cells g on g.id = e.grid_cell_id where ${cellScope(actor)}`,
  );
  if (!row) throw new NotFoundError().as("photo.not_found", { id: eventId });
  return Buffer.from(row.data, "base64");
}

async function reencode(bytes: Buffer): Promise<{ data: Buffer; width: number; height: number }> {
  try {
    // rotate() applies the camera's orientation before the metadata that carried it is dropped.
    const { data, info } = await sharp(bytes, { limitInputPixels: 60_000_000 })
      .rotate()
      .resize({ width: STORED_EDGE, height: STORED_EDGE, fit: "inside", withoutEnlargement: true })
      .jpeg({ quality: 82 })
      .toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height };
  } catch {
    throw new HttpError(415, "").as("photo.not_image");
  }
}
