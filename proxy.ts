import { NextResponse, type NextRequest } from "next/server";

/**
 * Not a security boundary (authorization lives in the lib verbs; see CVE-2025-29927): this only
 * tells server components which page was asked for, so the sign-in redirect can bring the
 * reader back to it. A client-sent header of the same name is overwritten.
 */
export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  headers.set("x-ga-path", request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  // Pages only: never the API, Next's assets or static files.
  matcher: ["/((?!api/|_next/|favicon|icon|maplibre-gl-worker|.*\\..*).*)"],
};
