import { randomUUID } from "node:crypto";
import { NextResponse } from "next/server";
import { ZodError } from "zod";
import { DatabaseSetupError, isDatabaseUnavailable } from "@/lib/db/errors";
import { DetailedHttpError, HttpError, TooManyRequestsError, UnauthorizedError } from "./errors";

/** What a 503 asks clients to wait before trying again. */
export const RETRY_AFTER_SECONDS = 5;

type Handler<C> = (request: Request, context: C) => Promise<Response>;

/**
 * Wrap a route handler so every failure becomes a JSON error a person can act on:
 * invalid input → 400 naming the parameter, no sign-in → 401, wrong role → 403, missing → 404,
 * refused by a database constraint → 422, throttled → 429, database not available → 503,
 * anything else → 500 with a request id (details go to the server log, not the client).
 */
export function handle<C>(handler: Handler<C>): Handler<C> {
  return async (request, context) => {
    try {
      return await handler(request, context);
    } catch (error) {
      return errorResponse(error);
    }
  };
}

export function errorResponse(error: unknown): Response {
  if (error instanceof ZodError) {
    const issues = error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
    const first = issues[0];
    return NextResponse.json(
      { error: first ? `${first.path || "input"}: ${first.message}` : "invalid input", issues },
      { status: 400 },
    );
  }
  if (error instanceof UnauthorizedError) {
    return NextResponse.json({ error: error.message }, { status: 401, headers: { "WWW-Authenticate": 'Bearer realm="grid-atlas"' } });
  }
  if (error instanceof DetailedHttpError) {
    return NextResponse.json({ error: error.message, ...error.details }, { status: error.status });
  }
  if (error instanceof TooManyRequestsError) {
    return NextResponse.json({ error: error.message, retry_after: error.retryAfter }, { status: 429, headers: { "Retry-After": String(error.retryAfter) } });
  }
  if (error instanceof HttpError) {
    return NextResponse.json({ error: error.message }, { status: error.status });
  }
  if (isConstraintViolation(error)) {
    // The database refused the change (a CHECK, a foreign key, invalid geometry): the input is
    // wrong, not the server. Name the constraint; nothing was written.
    return NextResponse.json({ error: `the database refused this change (${constraintName(error)})` }, { status: 422 });
  }
  if (error instanceof DatabaseSetupError || isDatabaseUnavailable(error)) {
    // The database is down or restarting: say so, and when to try again. The app reconnects by
    // itself (postgres.js opens new connections; getDatabase() retries a failed open).
    const message =
      error instanceof DatabaseSetupError ? error.message : "the database cannot be reached right now; try again in a few seconds";
    return NextResponse.json({ error: message, retry_after: RETRY_AFTER_SECONDS }, { status: 503, headers: { "Retry-After": String(RETRY_AFTER_SECONDS) } });
  }
  const requestId = randomUUID();
  console.error(`[grid-atlas] request ${requestId} failed:`, error);
  return NextResponse.json({ error: "internal error", request_id: requestId }, { status: 500 });
}

/** SQLSTATE class 23 (integrity constraint violation) or 22 (data exception), from either driver. */
function isConstraintViolation(error: unknown): boolean {
  const code = sqlState(error);
  return code !== null && (code.startsWith("23") || code.startsWith("22") || (code === "XX000" && /geometry|GEOS|ST_/i.test(String((error as Error).message))));
}

function sqlState(error: unknown): string | null {
  for (let e: unknown = error, i = 0; e && i < 4; e = (e as { cause?: unknown }).cause, i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return null;
}

function constraintName(error: unknown): string {
  for (let e: unknown = error, i = 0; e && i < 4; e = (e as { cause?: unknown }).cause, i++) {
    const name = (e as { constraint?: string; constraint_name?: string }).constraint ?? (e as { constraint_name?: string }).constraint_name;
    if (name) return name;
  }
  return "invalid value";
}
