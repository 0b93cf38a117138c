// GET /api/ogc/collections/{id} → one collection
import { getDatabase } from "@/lib/db/client";
import { NotFoundError } from "@/lib/http/errors";
import { handle } from "@/lib/http/handle";
import { findCollection, OGC_COLLECTIONS } from "@/lib/ogc/collections";
import { describeCollection } from "@/lib/ogc/describe";
import { ogcBase, respond } from "@/lib/ogc/respond";

export const dynamic = "force-dynamic";

export const GET = handle(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  const collection = findCollection(id);
  if (!collection) throw new NotFoundError(`no collection "${id}"; collections: ${OGC_COLLECTIONS.map((c) => c.id).join(", ")}`);
  const body = await describeCollection((await getDatabase()).db, ogcBase(request), collection);
  return respond(request, collection.title, body);
});
