import { expect, type APIRequestContext } from "@playwright/test";

/** Same-origin header a browser would send; the API refuses cookie-authenticated mutations without it. */
export const sameOrigin = (baseURL: string | undefined) => ({ Origin: baseURL! });

/** An API token made through the admin API (the request context must be the admin's). */
export async function createToken(request: APIRequestContext, baseURL: string | undefined, role: string, streetCode: string | null = null): Promise<{ id: number; token: string }> {
  const response = await request.post("/api/tokens", {
    data: { name: `e2e ${role} ${Date.now()}`, role, street_code: streetCode },
    headers: sameOrigin(baseURL),
  });
  expect(response.status(), await response.text()).toBe(201);
  return response.json();
}
