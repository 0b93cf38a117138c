// GET /api/settings → each district setting (rectification_days, empty_months) today, with its history
// POST /api/settings (admins) {key, value, valid_from, note} → 201; from that date on, the new value applies
import { NextResponse } from "next/server";
import { route } from "@/lib/http/route";
import { readJson } from "@/lib/http/read-json";
import { listSettings, setSetting, SettingInput } from "@/lib/settings/district-settings";
import { chinaDate } from "@/lib/time/china-date";

export const dynamic = "force-dynamic";

export const GET = route(async ({ actor, database }) =>
  NextResponse.json({ settings: await listSettings(database.db, actor, chinaDate()) }, { headers: { "Cache-Control": "no-store" } }),
);

export const POST = route(async ({ request, actor, database }) => {
  const input = SettingInput.parse(await readJson(request, 10_000));
  return NextResponse.json(await setSetting(database.db, actor, input), { status: 201 });
});
