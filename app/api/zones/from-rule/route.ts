// POST /api/zones/from-rule {source: pois|roads, ids, distance_m} → the buffered zone geometry and its rule (not saved)
import { NextResponse } from "next/server";
import { ZoneRule } from "@/lib/plans/plan-input";
import { zoneFromRule } from "@/lib/plans/rule-sources";
import { readJson } from "@/lib/http/read-json";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const POST = route(async ({ request, actor, database }) => {
  const rule = ZoneRule.parse(await readJson(request, 50_000));
  const { geometry, rule: stored } = await zoneFromRule(database.db, actor, rule);
  return NextResponse.json({ type: "Feature", geometry, properties: { rule: stored } }, { headers: { "Content-Type": "application/geo+json" } });
});
