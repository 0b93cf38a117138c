/**
 * The client's address for throttling. Next.js fills X-Forwarded-For with the socket's address
 * only when the request has none, so a client talking to Next directly can choose it: behind a
 * reverse proxy that sets the header this is exact, otherwise per-account throttling is the guard
 * that cannot be dodged (README, "Security").
 */
export function clientAddress(request: Request): string {
  const forwarded = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return (forwarded || request.headers.get("x-real-ip") || "unknown").slice(0, 64);
}
