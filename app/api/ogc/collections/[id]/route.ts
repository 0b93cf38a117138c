// GET /api/ogc/collections/{id} → one collection
import { NotFoundError } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { findCollection, OGC_COLLECTIONS } from "@/lib/ogc/collections";
import { describeCollection } from "@/lib/ogc/describe";
import { ogcBase, respond } from "@/lib/ogc/respond";

export const dynamic = "force-dynamic";

export const GET = route<{ id: string }>(async ({ request, params, actor, database }) => {
  const { id } = params;
  const collection = findCollection(id);
  if (!collection) throw new NotFoundError(`no collection "${id}"; collections: ${OGC_COLLECTIONS.map((c) => c.id).join(", ")}`);
  const body = await describeCollection(database.db, actor, ogcBase(request), collection);
  return respond(request, collection.title, body);
});
