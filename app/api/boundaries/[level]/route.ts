// GET /api/boundaries/{streets|communities|grid-cells} → GeoJSON FeatureCollection
import { NextResponse } from "next/server";
import { BoundaryLevel, getBoundaries } from "@/lib/boundaries/get-boundaries";
import { NotFoundError } from "@/lib/http/errors";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = route<{ level: string }>(async ({ params, actor, database }) => {
  const parsed = BoundaryLevel.safeParse(params.level);
  if (!parsed.success) throw new NotFoundError(`unknown boundary level; use one of ${BoundaryLevel.options.join(", ")}`);
  const collection = await getBoundaries(database.db, actor, parsed.data);
  return NextResponse.json(collection, {
    headers: { "Content-Type": "application/geo+json", "Cache-Control": "private, no-cache" },
  });
});
