/**
 * The benchmark signs in like any client: a session cookie from POST /api/auth/sign-in, sent
 * with every request (fetch) and set in the browser contexts.
 */
let cookie: string | null = null;

export async function signInForBench(baseUrl: string, email: string, password: string): Promise<void> {
  const response = await fetch(`${baseUrl}/api/auth/sign-in`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: baseUrl },
    body: JSON.stringify({ email, password }),
  });
  if (!response.ok) throw new Error(`bench sign-in as ${email}: HTTP ${response.status} ${await response.text()}`);
  const set = response.headers.get("set-cookie") ?? "";
  cookie = set.split(";")[0] ?? null;
}

/** fetch with the bench's session. */
export function benchFetch(url: string, init: RequestInit = {}): Promise<Response> {
  return fetch(url, { ...init, headers: { ...(init.headers as Record<string, string>), ...(cookie ? { Cookie: cookie } : {}) } });
}

/** The session cookie for a Playwright browser context. */
export function browserCookies(baseUrl: string): { name: string; value: string; url: string }[] {
  if (!cookie) return [];
  const [name, value] = cookie.split("=") as [string, string];
  return [{ name, value, url: baseUrl }];
}
