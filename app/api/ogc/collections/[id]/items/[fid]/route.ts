// GET /api/ogc/collections/{id}/items/{featureId} → one GeoJSON feature
import { getDatabase } from "@/lib/db/client";
import { NotFoundError } from "@/lib/http/errors";
import { handle } from "@/lib/http/handle";
import { findCollection } from "@/lib/ogc/collections";
import { getItem } from "@/lib/ogc/items";
import { ogcBase, respond } from "@/lib/ogc/respond";

export const dynamic = "force-dynamic";

export const GET = handle(async (request: Request, { params }: { params: Promise<{ id: string; fid: string }> }) => {
  const { id, fid } = await params;
  const collection = findCollection(id);
  if (!collection) throw new NotFoundError(`no collection "${id}"`);
  const feature = await getItem((await getDatabase()).db, collection, fid);
  const base = `${ogcBase(request)}/collections/${id}`;
  return respond(
    request,
    `${collection.title}: ${fid}`,
    {
      ...feature,
      links: [
        { href: `${base}/items/${fid}?f=json`, rel: "self", type: "application/geo+json", title: "This feature" },
        { href: `${base}?f=json`, rel: "collection", type: "application/json", title: "The collection" },
      ],
    } as never,
    "application/geo+json",
  );
});
