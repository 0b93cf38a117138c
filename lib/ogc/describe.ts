import type { Actor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/types";
import type { OgcCollection } from "./collections";
import { getExtent } from "./items";

const CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";

/** The collection document: id, title, extent and links to its items. */
export async function describeCollection(db: Db, actor: Actor, base: string, collection: OgcCollection) {
  const extent = await getExtent(db, actor, collection);
  const href = `${base}/collections/${collection.id}`;
  return {
    id: collection.id,
    title: collection.title,
    description: collection.description,
    itemType: "feature",
    crs: [CRS84],
    extent: {
      spatial: { bbox: extent.bbox ? [extent.bbox] : [], crs: CRS84 },
      ...(extent.interval ? { temporal: { interval: [extent.interval], trs: "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian" } } : {}),
    },
    links: [
      { href: `${href}?f=json`, rel: "self", type: "application/json", title: "This collection" },
      { href: `${href}/items?f=json`, rel: "items", type: "application/geo+json", title: "Items" },
      { href: `${href}/items?f=html`, rel: "items", type: "text/html", title: "Items as HTML" },
    ],
  };
}
