import { BadRequestError, HttpError } from "./errors";

export const MAX_BODY_BYTES = 1_000_000;
export const MAX_JSON_DEPTH = 32;

/**
 * The request's JSON body, refused before any work is done when it is not `application/json`
 * (415), larger than `maxBytes` (413), not JSON, or nested deeper than MAX_JSON_DEPTH (400).
 * The body is read as a stream and abandoned once over the limit, whatever Content-Length says.
 */
export async function readJson(request: Request, maxBytes = MAX_BODY_BYTES): Promise<unknown> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/(geo\+)?json\s*(;|$)/i.test(type)) {
    throw new HttpError(415, "send the body as JSON with Content-Type: application/json");
  }
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > maxBytes) throw new HttpError(413, `the body is larger than ${maxBytes} bytes`);
  const text = new TextDecoder("utf-8", { fatal: false }).decode(await readLimited(request, maxBytes));
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new BadRequestError("the body is not valid JSON");
  }
  if (depth(value) > MAX_JSON_DEPTH) throw new BadRequestError(`the body is nested deeper than ${MAX_JSON_DEPTH} levels`);
  return value;
}

/** The request's body as bytes, refused (413) once it is larger than `maxBytes`. */
export async function readBytes(request: Request, maxBytes: number): Promise<Buffer> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > maxBytes) throw new HttpError(413, `the body is larger than ${maxBytes} bytes`);
  return readLimited(request, maxBytes);
}

async function readLimited(request: Request, maxBytes: number): Promise<Buffer> {
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new HttpError(413, `the body is larger than ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** Nesting depth without recursion, so a hostile body cannot overflow the stack. */
function depth(root: unknown): number {
  let max = 0;
  const stack: [unknown, number][] = [[root, 1]];
  while (stack.length) {
    const [value, level] = stack.pop()!;
    if (value === null || typeof value !== "object") continue;
    if (level > max) max = level;
    if (max > MAX_JSON_DEPTH) return max;
    for (const child of Object.values(value)) stack.push([child, level + 1]);
  }
  return max;
}
