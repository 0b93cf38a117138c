// GET /api/ogc/collections/{id}/items?bbox=&limit=&offset=&datetime=&<property>= → GeoJSON page with next links
import { searchParamsObject } from "@/lib/http/search-params";
import { NotFoundError } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { findCollection, OGC_COLLECTIONS } from "@/lib/ogc/collections";
import { getItems, parseItemsQuery } from "@/lib/ogc/items";
import { ogcBase, respond } from "@/lib/ogc/respond";

export const dynamic = "force-dynamic";

export const GET = route<{ id: string }>(async ({ request, params, actor, database }) => {
  const { id } = params;
  const collection = findCollection(id);
  if (!collection) throw new NotFoundError(`no collection "${id}"; collections: ${OGC_COLLECTIONS.map((c) => c.id).join(", ")}`);
  const url = new URL(request.url);
  const { base, filters } = parseItemsQuery(collection, searchParamsObject(url));
  const page = await getItems(database.db, actor, collection, base, filters);
  const self = `${ogcBase(request)}/collections/${id}/items`;
  const pageLink = (offset: number, rel: string) => {
    const q = new URLSearchParams(url.searchParams);
    q.set("offset", String(offset));
    q.set("limit", String(base.limit));
    q.set("f", "json");
    return { href: `${self}?${q}`, rel, type: "application/geo+json", title: rel };
  };
  const links = [
    pageLink(base.offset, "self"),
    { href: `${ogcBase(request)}/collections/${id}?f=json`, rel: "collection", type: "application/json", title: "The collection" },
    ...(base.offset + page.features.length < page.numberMatched ? [pageLink(base.offset + base.limit, "next")] : []),
    ...(base.offset > 0 ? [pageLink(Math.max(0, base.offset - base.limit), "prev")] : []),
  ];
  return respond(
    request,
    `${collection.title}: items`,
    {
      type: "FeatureCollection",
      features: page.features,
      numberMatched: page.numberMatched,
      numberReturned: page.features.length,
      timeStamp: new Date().toISOString(),
      links,
    } as never,
    "application/geo+json",
  );
});
