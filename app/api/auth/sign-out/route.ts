// POST /api/auth/sign-out → ends the session and clears its cookie (also when already signed out)
import { NextResponse } from "next/server";
import { readCookie } from "@/lib/auth/request-actor";
import { SESSION_COOKIE } from "@/lib/auth/sessions";
import { signOut } from "@/lib/auth/sign-in";
import { publicRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const POST = publicRoute(async ({ request, actor, database }) => {
  const secret = readCookie(request.headers.get("cookie"), SESSION_COOKIE);
  if (secret) await signOut(database.db, secret, actor);
  const response = NextResponse.json({ signed_out: true });
  response.cookies.set(SESSION_COOKIE, "", { httpOnly: true, sameSite: "lax", path: "/", maxAge: 0 });
  return response;
});
