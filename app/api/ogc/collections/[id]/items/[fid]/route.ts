// GET /api/ogc/collections/{id}/items/{featureId} → one GeoJSON feature
import { NotFoundError } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { findCollection } from "@/lib/ogc/collections";
import { getItem } from "@/lib/ogc/items";
import { ogcBase, respond } from "@/lib/ogc/respond";

export const dynamic = "force-dynamic";

export const GET = route<{ id: string; fid: string }>(async ({ request, params, actor, database }) => {
  const { id, fid } = params;
  const collection = findCollection(id);
  if (!collection) throw new NotFoundError(`no collection "${id}"`);
  const feature = await getItem(database.db, actor, collection, fid);
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
