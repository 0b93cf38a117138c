/**
 * A problem with the database *configuration* (unreachable server, wrong password, no PostGIS,
 * unusable DATA_DIR). Its message is one line a person can act on; start-up prints it and exits.
 */
export class DatabaseSetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DatabaseSetupError";
  }
}

type PgLikeError = { code?: string; errno?: string; message?: string };

/** Translate a connection/migration failure on PostgreSQL into a DatabaseSetupError. */
export function explainServerError(error: unknown, location: string): Error {
  const e = (error ?? {}) as PgLikeError;
  const code = e.code ?? e.errno;
  switch (code) {
    case "ECONNREFUSED":
    case "ENOTFOUND":
    case "EHOSTUNREACH":
    case "ETIMEDOUT":
    case "CONNECT_TIMEOUT":
      return new DatabaseSetupError(
        `Cannot reach PostgreSQL at ${location} (${code}). Is the server running and DATABASE_URL right?`,
      );
    case "28P01":
    case "28000":
      return new DatabaseSetupError(
        `PostgreSQL at ${location} refused the credentials in DATABASE_URL (${code}). Check the user name and password.`,
      );
    case "3D000":
      return new DatabaseSetupError(
        `The database named in DATABASE_URL does not exist at ${location}. Create it first (createdb).`,
      );
    case "58P01":
    case "0A000":
      return new DatabaseSetupError(
        `PostGIS is not installed on the PostgreSQL server at ${location}. Install it (Debian: apt-get install postgresql-15-postgis-3) and start again.`,
      );
    case "42501":
      return new DatabaseSetupError(
        `The DATABASE_URL user may not create the postgis extension at ${location}. Run "CREATE EXTENSION postgis;" as a superuser once, then start again.`,
      );
    default:
      return error instanceof Error ? error : new Error(String(error));
  }
}

/** Redact the password from a connection URL so it can be printed. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparseable DATABASE_URL)";
  }
}

/**
 * Codes that mean "the database is not there right now" rather than "this request is wrong":
 * refused or dropped connections (postgres.js names them), and PostgreSQL's connection-exception
 * (08…) and operator-intervention (57P01–57P05: shut down, starting up, crash recovery) states.
 */
const UNAVAILABLE = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENOTFOUND",
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "57P01",
  "57P02",
  "57P03",
  "57P04",
  "57P05",
]);

/** Whether `error` (or what it wraps) says the database server cannot be reached now. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error, i = 0; e && i < 5; e = (e as { cause?: unknown }).cause, i++) {
    const { code, errno } = e as { code?: unknown; errno?: unknown };
    for (const value of [code, errno]) {
      if (typeof value !== "string") continue;
      if (UNAVAILABLE.has(value) || /^08[0-9A-Z]{3}$/.test(value)) return true;
    }
  }
  return false;
}
