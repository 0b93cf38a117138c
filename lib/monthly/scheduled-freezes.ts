import type { Database } from "@/lib/db/client";
import { closeEndedMonths } from "./close-ended-months";

const HOUR_MS = 60 * 60 * 1000;
/** The first run waits a little, so the first visitor after a start is not queued behind it. */
const FIRST_RUN_DELAY_MS = 15_000;

/**
 * Close months that ended (freeze their figures) shortly after start and every hour, as the
 * server runs; `stop()` waits for a run underway.
 */
export function startScheduledFreezes(database: () => Promise<Database>): { stop(): Promise<void> } {
  let running: Promise<void> | null = null;
  let stopped = false;
  const tick = () => {
    if (running || stopped) return;
    running = (async () => {
      try {
        const written = await closeEndedMonths((await database()).db);
        if (written.length) console.log(`[grid-atlas] monthly figures frozen: ${written.join(", ")}`);
      } catch (error) {
        console.error(`[grid-atlas] monthly figures: ${(error as Error).message}`);
      } finally {
        running = null;
      }
    })();
  };
  const first = setTimeout(tick, FIRST_RUN_DELAY_MS);
  const timer = setInterval(tick, HOUR_MS);
  first.unref();
  timer.unref();
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
}
