// GET /api/tiles/{layer}/{z}/{x}/{y}.mvt[?from=&to=&categories=] → Mapbox Vector Tile (street offices: own street)
// The production server answers most tile requests before Next.js (lib/tiles/fast-path.ts, the
// same answerTile); this route answers the rest: errors, refusals, and `next dev`.
import { route } from "@/lib/http/route";
import { answerTile } from "@/lib/tiles/tile-response";

export const dynamic = "force-dynamic";

export const GET = route<{ layer: string; z: string; x: string; y: string }>(async ({ request, params, actor, database }) => {
  const answer = await answerTile(database, actor, params, new URL(request.url), request.headers.get("if-none-match"));
  return new Response(answer.body ? Buffer.from(answer.body) : null, { status: answer.status, headers: answer.headers });
});
