import { HttpError } from "./errors";

/** A strong ETag for a row version. */
export const etag = (version: string) => `"${version}"`;

/** The version named by If-Match, or undefined when the header is absent. */
export function ifMatchVersion(request: Request): string | undefined {
  const header = request.headers.get("if-match");
  if (header === null) return undefined;
  const match = /^\s*(?:W\/)?"([^"]{1,64})"\s*$/.exec(header);
  if (!match) throw new HttpError(400, 'If-Match must be one ETag, e.g. If-Match: "20261128081500123456"');
  return match[1];
}

/** Refuse a change made against an older version (someone else saved in between). */
export function assertVersion(current: string, expected: string | undefined): void {
  if (expected !== undefined && expected !== current) {
    throw new HttpError(412, `this record was changed by someone else (now version ${current}); reload it and apply your change again`);
  }
}

/** If-Match for edits that must never be blind: missing → 428 (Precondition Required). */
export function requiredIfMatch(request: Request): string {
  const version = ifMatchVersion(request);
  if (version === undefined) throw new HttpError(428, 'send If-Match with the ETag of the version you edited, e.g. If-Match: "3"');
  return version;
}
