import type { NextResponse } from "next/server";
import { SESSION_COOKIE } from "./sessions";

/** Put a new session in its cookie: http-only, same-site lax, secure behind HTTPS. */
export function setSessionCookie(response: NextResponse, request: Request, session: { secret: string; expiresAt: Date }): NextResponse {
  response.cookies.set(SESSION_COOKIE, session.secret, {
    httpOnly: true,
    sameSite: "lax",
    secure: new URL(request.url).protocol === "https:" || request.headers.get("x-forwarded-proto") === "https",
    path: "/",
    expires: session.expiresAt,
  });
  return response;
}
