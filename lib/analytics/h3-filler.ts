import type { Database } from "@/lib/db/types";
import { startBackgroundJob, type BackgroundJob } from "@/lib/maintenance/background-job";
import { fillEventH3 } from "./event-h3";

/** The first pass waits for the server's start-up work (opening, migrating, the first tiles). */
const FIRST_RUN_DELAY_MS = 20_000;
const POLL_MS = 60_000;

/**
 * Stores the H3 cells of queued events in the background, shortly after start and then every
 * minute, so the first hexagon analysis after the seed or a large import does not wait for them:
 * a hexagon request fills the queue before counting, and 3.15 million queued events took ~10 min
 * on a Citus cluster of one 2-core machine (docs/scaling.md), longer than a browser waits. The
 * request's own fill then only has what arrived since. H3_FILLER=off stops it.
 */
export function startH3Filler(database: () => Promise<Database>, timing = { firstRunMs: FIRST_RUN_DELAY_MS, pollMs: POLL_MS }): BackgroundJob {
  (globalThis as Record<symbol, unknown>)[FILLER_RUNNING] = true;
  const job = startBackgroundJob(
    "H3 fill",
    timing.firstRunMs,
    async (stopping) => {
      let db;
      try {
        ({ db } = await database());
      } catch {
        return; // the database is not open (yet): the server says why; the next run tries again
      }
      const started = Date.now();
      const stored = await fillEventH3(db, { shouldStop: stopping });
      if (stored >= 1000) console.log(`[grid-atlas] H3 cells stored for ${stored} events in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    },
    timing.pollMs,
  );
  return {
    stop: async () => {
      (globalThis as Record<symbol, unknown>)[FILLER_RUNNING] = false;
      await job.stop();
    },
  };
}

/** Set while this process runs the filler (on globalThis: Next.js bundles routes and start-up apart). */
const FILLER_RUNNING = Symbol.for("grid-atlas.h3-filler");

/** Whether this server stores queued H3 cells in the background, so a request need not do it all. */
export function h3FillerRunning(): boolean {
  return (globalThis as Record<symbol, unknown>)[FILLER_RUNNING] === true;
}
