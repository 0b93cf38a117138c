/**
 * A JSON call from a browser panel: the parsed body, or the server's reason (already in the
 * reader's language) and whatever details came with it. Network failures become a reason too.
 * An abort — before the answer or while its body is read — rejects with the AbortError, so a
 * panel that moved on (another street, another list) never takes an empty body for an answer.
 * Safe in the browser: it uses fetch only.
 */
export type ApiResult<T> = { ok: true; data: T } | { ok: false; status: number; error: string; body: Record<string, unknown> };

export async function callApi<T>(
  url: string,
  init: { method?: string; body?: unknown; signal?: AbortSignal; headers?: Record<string, string> } = {},
): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: init.method ?? "GET",
      signal: init.signal,
      headers: { ...(init.body === undefined ? {} : { "Content-Type": "application/json" }), ...init.headers },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
  } catch (error) {
    if ((error as Error).name === "AbortError" || init.signal?.aborted) throw abortError(init.signal);
    return { ok: false, status: 0, error: (error as Error).message, body: {} };
  }
  if (response.status === 204) return { ok: true, data: undefined as T };
  let body: Record<string, unknown> | null;
  try {
    body = (await response.json()) as Record<string, unknown>;
  } catch (error) {
    if ((error as Error).name === "AbortError" || init.signal?.aborted) throw abortError(init.signal);
    body = null; // not JSON (a proxy's error page, a cut connection)
  }
  if (init.signal?.aborted) throw abortError(init.signal);
  if (!response.ok || body === null) return { ok: false, status: response.status, error: String(body?.error ?? `HTTP ${response.status}`), body: body ?? {} };
  return { ok: true, data: body as T };
}

function abortError(signal: AbortSignal | undefined): Error {
  const reason: unknown = signal?.reason;
  return reason instanceof Error && reason.name === "AbortError" ? reason : new DOMException("The call was aborted.", "AbortError");
}

/**
 * What to show for a failed call: the server's reason (already in the reader's language), or
 * `fallback` (the panel's own words) when there was none — no connection (status 0) or an answer
 * that was not JSON (a 200 that could not be read).
 */
export function failureText(result: { status: number; error: string }, fallback: string): string {
  return result.status === 0 || result.status === 200 ? fallback : result.error;
}
