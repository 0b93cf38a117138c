// GET /api/exports/{layer}?format=geojson|csv|shapefile&bbox=&<property>= → a download of the layer as the caller may see it
import { exportLayer } from "@/lib/exports/export-layer";
import { route } from "@/lib/http/route";
import { searchParamsObject } from "@/lib/http/search-params";

export const dynamic = "force-dynamic";

export const GET = route<{ layer: string }>(async ({ request, params, actor, database }) => {
  const file = await exportLayer(database.db, actor, params.layer, searchParamsObject(new URL(request.url)));
  return new Response(typeof file.body === "string" ? file.body : Buffer.from(file.body), {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
      "Cache-Control": "no-store",
    },
  });
});
