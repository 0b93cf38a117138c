// GET /api/settings[?district=330303] → each setting in force today in that district (left out: the
//   values for all districts; a district's account: its own), with the district's own history
// POST /api/settings (admins) {district_code?, key, value, valid_from, note} → 201; from that date on, the new value applies
import { NextResponse } from "next/server";
import { route } from "@/lib/http/route";
import { readJson } from "@/lib/http/read-json";
import { listSettings, setSetting, SettingInput } from "@/lib/settings/district-settings";
import { chinaDate } from "@/lib/time/china-date";
import { DistrictQuery } from "@/lib/districts/settings-district";

export const dynamic = "force-dynamic";

export const GET = route(async ({ request, actor, database }) => {
  const district = DistrictQuery.parse(new URL(request.url).searchParams.get("district") ?? undefined);
  return NextResponse.json(await listSettings(database.db, actor, { district, today: chinaDate() }), { headers: { "Cache-Control": "no-store" } });
});

export const POST = route(async ({ request, actor, database }) => {
  const input = SettingInput.parse(await readJson(request, 10_000));
  return NextResponse.json(await setSetting(database.db, actor, input), { status: 201 });
});
