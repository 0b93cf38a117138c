// GET /api/boundaries/{streets|communities|grid-cells} → GeoJSON FeatureCollection
import { NextResponse } from "next/server";
import { BoundaryLevel, getBoundaries } from "@/lib/boundaries/get-boundaries";
import { getDatabase } from "@/lib/db/client";
import { handle } from "@/lib/http/handle";
import { NotFoundError } from "@/lib/http/errors";

export const dynamic = "force-dynamic";

export const GET = handle(async (_request: Request, { params }: { params: Promise<{ level: string }> }) => {
  const parsed = BoundaryLevel.safeParse((await params).level);
  if (!parsed.success) throw new NotFoundError(`unknown boundary level; use one of ${BoundaryLevel.options.join(", ")}`);
  const collection = await getBoundaries((await getDatabase()).db, parsed.data);
  return NextResponse.json(collection, {
    headers: { "Content-Type": "application/geo+json", "Cache-Control": "no-cache" },
  });
});
