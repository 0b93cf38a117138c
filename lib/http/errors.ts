/** Errors that verbs throw and lib/http maps to status codes. */
export class NotFoundError extends Error {
  readonly status = 404;
  constructor(message = "not found") {
    super(message);
    this.name = "NotFoundError";
  }
}

export class BadRequestError extends Error {
  readonly status = 400;
  constructor(message: string) {
    super(message);
    this.name = "BadRequestError";
  }
}

/** No valid session or token: the person must sign in. */
export class UnauthorizedError extends Error {
  readonly status = 401;
  constructor(message = "sign in first (session cookie or Authorization: Bearer token)") {
    super(message);
    this.name = "UnauthorizedError";
  }
}

/** Signed in, but this role may not do this. */
export class ForbiddenError extends Error {
  readonly status = 403;
  constructor(message: string) {
    super(message);
    this.name = "ForbiddenError";
  }
}

/** Too many attempts; try again after `retryAfter` seconds. */
export class TooManyRequestsError extends Error {
  readonly status = 429;
  constructor(
    message: string,
    readonly retryAfter: number,
  ) {
    super(message);
    this.name = "TooManyRequestsError";
  }
}

/** A request error with its own status (413 body too large, 415 wrong media type, 409, 412, 428). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "HttpError";
  }
}

/** A refusal with structured reasons for the client (findings, conflicts, the current version). */
export class DetailedHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: Record<string, unknown>,
  ) {
    super(message);
    this.name = "DetailedHttpError";
  }
}
