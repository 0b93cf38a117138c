import { NextResponse } from "next/server";

/** JSON for analysis results: GeoJSON media type, not cached (data changes with every edit). */
export function geoJson(body: unknown): Response {
  return NextResponse.json(body, { headers: { "Content-Type": "application/geo+json", "Cache-Control": "no-store" } });
}
