import type { Actor } from "@/lib/auth/actor";
import { appendAudit } from "@/lib/audit/append-audit";
import { actorFromRequest } from "@/lib/auth/request-actor";
import { getDatabase, type Database } from "@/lib/db/client";
import { errorResponse } from "./error-response";
import { localeOfRequest } from "@/lib/i18n/request-locale";
import { ForbiddenError, UnauthorizedError } from "./errors";

export interface RouteInput<P, A extends Actor | null = Actor> {
  request: Request;
  params: P;
  actor: A;
  database: Database;
}

type Handler<P, A extends Actor | null> = (input: RouteInput<P, A>) => Promise<Response>;
type RouteHandler<P> = (request: Request, context: { params: Promise<P> }) => Promise<Response>;

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Every API route handler goes through here: it finds who is asking (session cookie or Bearer
 * token), refuses cross-site mutations, requires sign-in, runs the handler and maps errors
 * (lib/http/handle.ts). This is a first gate only: the verbs check the actor's role and scope
 * again (lib/auth/authorize.ts), so nothing depends on a middleware or header.
 * Refused or failed mutations by a known actor are written to the audit log.
 */
export function route<P = Record<string, never>>(handler: Handler<P, Actor>): RouteHandler<P> {
  return wrap(handler as Handler<P, Actor | null>, false);
}

/** A route strangers may call too (health, sign-in); the handler sees a null actor for them. */
export function publicRoute<P = Record<string, never>>(handler: Handler<P, Actor | null>): RouteHandler<P> {
  return wrap(handler, true);
}

function wrap<P>(handler: Handler<P, Actor | null>, isPublic: boolean): RouteHandler<P> {
  return async (request, context) => {
    const mutation = !SAFE_METHODS.has(request.method);
    let actor: Actor | null = null;
    let database: Database | null = null;
    try {
      if (mutation) checkSameOrigin(request);
      database = await getDatabase();
      actor = await actorFromRequest(database.db, request);
      if (!actor && !isPublic) throw new UnauthorizedError();
      const params = (await context?.params) ?? ({} as P);
      return await handler({ request, params, actor, database });
    } catch (error) {
      const response = errorResponse(error, localeOfRequest(request));
      // A 503 means the database is away: there is nowhere to write the audit row.
      if (mutation && actor && database && response.status >= 400 && response.status !== 503) await auditRefusal(database, actor, request, response);
      return response;
    }
  };
}

/**
 * CSRF: a browser always sends Origin with a cross-site (or any) POST/PATCH/DELETE; it must be
 * this site. Requests with a Bearer token carry no ambient authority and are exempt.
 */
function checkSameOrigin(request: Request): void {
  if (request.headers.get("authorization")) return;
  const origin = request.headers.get("origin");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (!origin || !host) throw new ForbiddenError("cross-site request refused: the Origin header is missing");
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw new ForbiddenError("cross-site request refused: the Origin header is not a URL");
  }
  if (originHost !== host) throw new ForbiddenError(`cross-site request refused: Origin ${origin} is not this site`);
}

async function auditRefusal(database: Database, actor: Actor, request: Request, response: Response): Promise<void> {
  try {
    const body = (await response.clone().json()) as { error?: string; error_en?: string };
    await appendAudit(database.db, actor, {
      entity: new URL(request.url).pathname,
      action: response.status === 401 || response.status === 403 || response.status === 404 ? "denied" : "failed",
      after: { method: request.method, status: response.status, reason: body.error_en ?? body.error ?? null },
    });
  } catch (error) {
    console.error("[grid-atlas] could not audit a refused request:", error);
  }
}
