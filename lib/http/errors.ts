/**
 * Errors that verbs throw and lib/http maps to status codes. Each is an HttpError with its status;
 * the subclasses name the common cases and carry what their response needs.
 */
import { serverMessage, type MessageParams, type ServerMessageCode } from "@/lib/i18n/server-messages";

export class HttpError extends Error {
  /** The stable code of a catalogued message (lib/i18n/server-messages.ts), shown in the reader's language. */
  code?: ServerMessageCode;
  params?: MessageParams;

  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }

  /** This refusal as a catalogued message: the English text for logs, the code and parameters for the reader. */
  as(code: ServerMessageCode, params: MessageParams = {}): this {
    this.code = code;
    this.params = params;
    this.message = serverMessage(code, params, "en");
    return this;
  }
}

export class BadRequestError extends HttpError {
  constructor(message: string) {
    super(400, message);
  }
}

/** No valid session or token: the person must sign in. */
export class UnauthorizedError extends HttpError {
  constructor(message = "sign in first (session cookie or Authorization: Bearer token)") {
    super(401, message);
  }
}

/** Signed in, but this role may not do this. */
export class ForbiddenError extends HttpError {
  constructor(message: string) {
    super(403, message);
  }
}

export class NotFoundError extends HttpError {
  constructor(message = "not found") {
    super(404, message);
  }
}

/** A refusal that passes: the client is told to try again after `retryAfter` seconds (Retry-After). */
export class RetryLaterError extends HttpError {
  constructor(
    status: 429 | 503,
    message: string,
    readonly retryAfter: number,
  ) {
    super(status, message);
  }
}

/** Too many attempts; try again after `retryAfter` seconds. */
export class TooManyRequestsError extends RetryLaterError {
  constructor(message: string, retryAfter: number) {
    super(429, message, retryAfter);
  }
}

/** A refusal with structured reasons for the client (findings, conflicts, the current version). */
export class DetailedHttpError extends HttpError {
  constructor(
    status: number,
    message: string,
    readonly details: Record<string, unknown>,
  ) {
    super(status, message);
  }
}
