// GET /api/tokens → API tokens without secrets (admins); POST {name, role, street_code?} → 201 with the token, shown once
import { NextResponse } from "next/server";
import { createApiToken, listApiTokens, NewApiToken } from "@/lib/auth/api-tokens";
import { readJson } from "@/lib/http/read-json";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = route(async ({ actor, database }) => NextResponse.json(await listApiTokens(database.db, actor), { headers: { "Cache-Control": "no-store" } }));

export const POST = route(async ({ request, actor, database }) => {
  const input = NewApiToken.parse(await readJson(request, 10_000));
  return NextResponse.json(await createApiToken(database.db, actor, input), { status: 201, headers: { "Cache-Control": "no-store" } });
});
