import { randomUUID } from "node:crypto";
import { NextResponse } from "next/server";
import { ZodError } from "zod";
import { DatabaseSetupError, isDatabaseUnavailable } from "@/lib/db/errors";
import { DetailedHttpError, HttpError, RetryLaterError, UnauthorizedError } from "./errors";
import type { Locale } from "@/lib/i18n/messages";
import { matchServerMessage, serverMessage, type MessageParams, type ServerMessageCode } from "@/lib/i18n/server-messages";
import { zodIssueZh } from "@/lib/i18n/zod-zh";

/** What a 503 asks clients to wait before trying again. */
export const RETRY_AFTER_SECONDS = 5;

/**
 * Every failure as a JSON error a person can act on: invalid input → 400 naming the parameter,
 * no sign-in → 401, wrong role → 403, missing → 404, refused by a database constraint → 422,
 * throttled → 429, database not available or busy → 503 (both with Retry-After), anything else → 500 with a request id (details
 * go to the server log, not the client).
 *
 * The error body: `error` in the reader's language, `code` stable for API clients (a catalogued
 * message's code, `input.invalid` for validation, else `http.<status>`), and for a Chinese reader
 * the English text too (`error_en`), so a support desk can search for it.
 */
export function errorResponse(error: unknown, locale: Locale = "en"): Response {
  const say = (code: ServerMessageCode, params: MessageParams = {}) => serverMessage(code, params, locale);
  const english = (body: Record<string, unknown>, en: string) => (locale === "en" ? body : { ...body, error_en: en });
  if (error instanceof ZodError) {
    const issues = error.issues.map((i) => {
      const en = `${i.path.join(".") || "input"}: ${i.message}`;
      return { path: i.path.join("."), message: locale === "zh" ? zodIssueZh(i) : i.message, message_en: en };
    });
    const first = issues[0];
    const text = first ? (locale === "zh" ? first.message : first.message_en) : say("input.invalid");
    return NextResponse.json(english({ error: text, code: "input.invalid", issues }, first?.message_en ?? "invalid input"), { status: 400 });
  }
  if (error instanceof HttpError) {
    // A refusal thrown as English text is recognised in the catalogue; a bare 401 asks to sign in.
    const known = error.code ? { code: error.code, params: error.params ?? {} } : matchServerMessage(error.message);
    const text = known ? say(known.code, known.params) : error instanceof UnauthorizedError ? say("auth.sign_in") : error.message;
    const code = known?.code ?? (error instanceof UnauthorizedError ? "auth.sign_in" : `http.${error.status}`);
    const body: Record<string, unknown> = english({ error: text, code }, error.message);
    const headers: Record<string, string> = {};
    if (error instanceof UnauthorizedError) headers["WWW-Authenticate"] = 'Bearer realm="grid-atlas"';
    if (error instanceof DetailedHttpError) Object.assign(body, error.details);
    if (error instanceof RetryLaterError) {
      body.retry_after = error.retryAfter;
      headers["Retry-After"] = String(error.retryAfter);
    }
    return NextResponse.json(body, { status: error.status, headers });
  }
  if (isConstraintViolation(error)) {
    // The database refused the change (a CHECK, a foreign key, invalid geometry): the input is
    // wrong, not the server. Name the constraint; nothing was written.
    const params = { constraint: constraintName(error) };
    return NextResponse.json(english({ error: say("db.refused", params), code: "db.refused" }, serverMessage("db.refused", params, "en")), { status: 422 });
  }
  if (error instanceof DatabaseSetupError || isDatabaseUnavailable(error)) {
    // The database is down or restarting: say so, and when to try again. The app reconnects by
    // itself (postgres.js opens new connections; getDatabase() retries a failed open).
    const message = error instanceof DatabaseSetupError ? error.message : say("db.unavailable");
    return NextResponse.json(
      { error: message, code: "db.unavailable", retry_after: RETRY_AFTER_SECONDS },
      { status: 503, headers: { "Retry-After": String(RETRY_AFTER_SECONDS) } },
    );
  }
  const requestId = randomUUID();
  console.error(`[grid-atlas] request ${requestId} failed:`, error);
  return NextResponse.json({ error: say("internal"), code: "internal", request_id: requestId }, { status: 500 });
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
