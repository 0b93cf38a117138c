// GET /api/ogc → OGC API – Features landing page
import { route } from "@/lib/http/route";
import { ogcBase, respond } from "@/lib/ogc/respond";

export const dynamic = "force-dynamic";

export const GET = route(async ({ request }) => {
  const base = ogcBase(request);
  return respond(request, "Grid Atlas", {
    title: "Grid Atlas",
    description: "Grid cells, rental buildings, no-stall zones, guidance points, events and points of interest (OGC API – Features, Part 1: Core).",
    links: [
      { href: `${base}?f=json`, rel: "self", type: "application/json", title: "This document" },
      { href: `${base}?f=html`, rel: "alternate", type: "text/html", title: "This document as HTML" },
      { href: `${base}/conformance?f=json`, rel: "conformance", type: "application/json", title: "Conformance classes" },
      { href: `${base}/collections?f=json`, rel: "data", type: "application/json", title: "Collections" },
    ],
  } as never);
});
