// GET /api/ogc/conformance → the conformance classes implemented
import { route } from "@/lib/http/route";
import { ogcBase, respond } from "@/lib/ogc/respond";

export const dynamic = "force-dynamic";

export const GET = route(async ({ request }) =>
  respond(request, "Conformance", {
    conformsTo: [
      "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
      "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
      "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
    ],
    links: [{ href: `${ogcBase(request)}/conformance?f=json`, rel: "self", type: "application/json", title: "This document" }],
  } as never),
);
