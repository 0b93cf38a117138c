/**
 * Runs once when the server process starts: open (and migrate) the database now rather than on
 * the first request, and start the server's own services (lib/maintenance/server-services.ts).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // `next build` evaluates server code in its workers: they must never open DATA_DIR.
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { startServerServices } = await import("@/lib/maintenance/server-services");
  void startServerServices();
}
