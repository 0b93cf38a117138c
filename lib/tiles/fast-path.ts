import type { IncomingMessage, ServerResponse } from "node:http";
import { gzipSync } from "node:zlib";
import { ZodError } from "zod";
import { actorFromRequest } from "@/lib/auth/request-actor";
import { HttpError } from "@/lib/http/errors";
import type { Database } from "@/lib/db/types";
import { answerTile, type TileAnswer } from "./tile-response";

const TILE_PATH = /^\/api\/tiles\/([a-z-]{1,40})\/(\d{1,2})\/(\d{1,8})\/(\d{1,8}\.mvt)(?:\?|$)/;
// lib/db/client.ts keeps the process's one database here (opened by the server at start).
const DATABASE = Symbol.for("grid-atlas.database");
const CLOSING = Symbol.for("grid-atlas.database-closing");

/**
 * Tiles are the busiest requests by far (a map asks for 10–30 at a time), and Next.js's request
 * handling costs ~1.7 ms of CPU each on a 2-core machine — more than a kept tile's whole answer,
 * and with 16 requests in flight it queues into tens of milliseconds. The production server
 * (scripts/serve.mjs) hands GET tile requests here first. This answers the ones that succeed,
 * with the route's own code (actorFromRequest, answerTile), and returns false for everything else
 * — no session, a bad parameter, a refusal, any error — which the Next route then answers as
 * always (its status, its message in the reader's language). Nothing is written to `response`
 * unless this path answers. `headers` are the ones Next adds to every response (next.config.js).
 */
export async function answerTileFast(request: IncomingMessage, response: ServerResponse, headers: Record<string, string>): Promise<boolean> {
  if (request.method !== "GET" || !request.url) return false;
  const match = TILE_PATH.exec(request.url);
  if (!match) return false;
  const g = globalThis as Record<symbol, unknown>;
  if (g[CLOSING] || !g[DATABASE]) return false;
  let answer: TileAnswer;
  const started = performance.now();
  try {
    const database = await (g[DATABASE] as Promise<Database>);
    const actor = await actorFromRequest(database.db, { headers: requestHeaders(request) } as Request);
    if (!actor) return false;
    const ifNoneMatch = request.headers["if-none-match"];
    answer = await answerTile(database, actor, { layer: match[1]!, z: match[2]!, x: match[3]!, y: match[4]! }, new URL(request.url, "http://localhost"), typeof ifNoneMatch === "string" ? ifNoneMatch : null);
  } catch (error) {
    // A refusal or bad input is the route's to answer in the reader's words; anything else is
    // also left to the route (which runs it again and answers 5xx) but said here first.
    if (!(error instanceof HttpError) && !(error instanceof ZodError)) console.error(`[grid-atlas] tile fast path: ${(error as Error).message}`);
    return false;
  }
  const accepts = String(request.headers["accept-encoding"] ?? "");
  const zipped = answer.body && answer.body.byteLength >= GZIP_FROM_BYTES && /\bgzip\b/.test(accepts) ? gzipped(answer.body) : null;
  response.writeHead(answer.status, {
    ...headers,
    ...answer.headers,
    Vary: "Accept-Encoding",
    // Which path answered and how long it took, for the browser's network panel and the tests.
    "Server-Timing": `tile;desc="fast path";dur=${(performance.now() - started).toFixed(1)}`,
    ...(zipped ? { "Content-Encoding": "gzip" } : {}),
  });
  response.end(zipped ?? (answer.body ? Buffer.from(answer.body.buffer, answer.body.byteOffset, answer.body.byteLength) : undefined));
  return true;
}

/**
 * Tiles compress to about half (as Next compressed them), but gzip costs CPU: each tile's bytes
 * are compressed once, the first time they are sent. Kept tiles keep their bytes object, so the
 * compressed copy lives exactly as long as the tile stays in memory.
 */
const GZIP_FROM_BYTES = 512;
const compressed = new WeakMap<Uint8Array, Buffer>();
function gzipped(bytes: Uint8Array): Buffer {
  let zipped = compressed.get(bytes);
  if (!zipped) {
    zipped = gzipSync(bytes, { level: 6 });
    compressed.set(bytes, zipped);
  }
  return zipped;
}

/** The two headers who-is-asking reads (session cookie, Bearer token), as fetch Headers. */
function requestHeaders(request: IncomingMessage): Headers {
  const headers = new Headers();
  for (const name of ["cookie", "authorization"]) {
    const value = request.headers[name];
    if (typeof value === "string") headers.set(name, value);
  }
  return headers;
}
