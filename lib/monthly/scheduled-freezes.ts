import type { Database } from "@/lib/db/client";
import { startBackgroundJob, type BackgroundJob } from "@/lib/maintenance/background-job";
import { closeEndedMonths } from "./close-ended-months";

/** The first run waits a little, so the first visitor after a start is not queued behind it. */
const FIRST_RUN_DELAY_MS = 15_000;

/** Close months that ended (freeze their figures) shortly after start and every hour, as the server runs. */
export function startScheduledFreezes(database: () => Promise<Database>): BackgroundJob {
  return startBackgroundJob("monthly figures", FIRST_RUN_DELAY_MS, async () => {
    const written = await closeEndedMonths((await database()).db);
    if (written.length) console.log(`[grid-atlas] monthly figures frozen: ${written.join(", ")}`);
  });
}
