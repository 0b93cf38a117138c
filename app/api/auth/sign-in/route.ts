// POST /api/auth/sign-in {email, password} → sets the session cookie; 401 wrong credentials, 429 throttled
import { NextResponse } from "next/server";
import { setSessionCookie } from "@/lib/auth/session-cookie";
import { signIn } from "@/lib/auth/sign-in";
import { clientAddress } from "@/lib/http/client-address";
import { readJson } from "@/lib/http/read-json";
import { publicRoute } from "@/lib/http/route";
import { SignInInput } from "@/lib/users/user-input";

export const dynamic = "force-dynamic";

export const POST = publicRoute(async ({ request, database }) => {
  const input = SignInInput.parse(await readJson(request, 10_000));
  const session = await signIn(database.db, { ...input, address: clientAddress(request) });
  const response = NextResponse.json({
    email: session.actor.label,
    role: session.actor.role,
    street_code: session.actor.streetCode,
    district_code: session.actor.districtCode,
    expires_at: session.expiresAt.toISOString(),
  });
  return setSessionCookie(response, request, session);
});
