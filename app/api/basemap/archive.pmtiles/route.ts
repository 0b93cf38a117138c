// GET /api/basemap/archive.pmtiles (Range: bytes=…) → the offline basemap archive (BASEMAP_PMTILES), 206 for a range;
// 404 when none is configured, 416 for a range it cannot serve.
import { authorize } from "@/lib/auth/authorize";
import { readArchive } from "@/lib/basemap/serve-archive";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = route(async ({ request, actor }) => {
  authorize(actor, "read:context");
  const answer = readArchive(request.headers.get("range"), request.headers.get("if-none-match"));
  return new Response(answer.body, { status: answer.status, headers: answer.headers });
});
