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
