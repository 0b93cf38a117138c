// POST /api/auth/first-run {code, email, display_name, password} → the first admin, signed in (201);
// 401 wrong set-up code, 409 an admin exists already, 429 too many wrong codes.
import { NextResponse } from "next/server";
import { completeFirstRun, FirstRunInput } from "@/lib/auth/first-run";
import { setSessionCookie } from "@/lib/auth/session-cookie";
import { clientAddress } from "@/lib/http/client-address";
import { readJson } from "@/lib/http/read-json";
import { publicRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const POST = publicRoute(async ({ request, database }) => {
  const input = FirstRunInput.parse(await readJson(request, 10_000));
  const session = await completeFirstRun(database.db, input, clientAddress(request));
  const response = NextResponse.json({ email: session.actor.label, role: session.actor.role, expires_at: session.expiresAt.toISOString() }, { status: 201 });
  return setSessionCookie(response, request, session);
});
