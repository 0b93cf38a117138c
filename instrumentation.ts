/**
 * Open (and migrate) the database when the server starts rather than on the first request,
 * so the first visitor does not wait for the embedded PostGIS to unpack.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getDatabase } = await import("@/lib/db/client");
  getDatabase().catch((error: Error) => console.error(`[grid-atlas] ${error.message}`));
}
