// GET /api/ogc/collections → every collection with its extent
import { route } from "@/lib/http/route";
import { OGC_COLLECTIONS } from "@/lib/ogc/collections";
import { describeCollection } from "@/lib/ogc/describe";
import { ogcBase, respond } from "@/lib/ogc/respond";

export const dynamic = "force-dynamic";

export const GET = route(async ({ request, actor, database }) => {
    const base = ogcBase(request);
  const collections = [];
  for (const collection of OGC_COLLECTIONS) collections.push(await describeCollection(database.db, actor, base, collection));
  return respond(request, "Collections", {
    links: [{ href: `${base}/collections?f=json`, rel: "self", type: "application/json", title: "This document" }],
    collections,
  } as never);
});
