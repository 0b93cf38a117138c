import { randomUUID } from "node:crypto";
import { NextResponse } from "next/server";
import { ZodError } from "zod";
import { DatabaseSetupError } from "@/lib/db/errors";
import { BadRequestError, NotFoundError } from "./errors";

type Handler<C> = (request: Request, context: C) => Promise<Response>;

/**
 * Wrap a route handler so every failure becomes a JSON error a person can act on:
 * invalid input → 400 naming the parameter, missing → 404, database not available → 503,
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
  if (error instanceof BadRequestError || error instanceof NotFoundError) {
    return NextResponse.json({ error: error.message }, { status: error.status });
  }
  if (error instanceof DatabaseSetupError) {
    return NextResponse.json({ error: error.message }, { status: 503 });
  }
  const requestId = randomUUID();
  console.error(`[grid-atlas] request ${requestId} failed:`, error);
  return NextResponse.json({ error: "internal error", request_id: requestId }, { status: 500 });
}
