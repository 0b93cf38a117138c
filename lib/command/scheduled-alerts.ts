import { actorWithRole } from "@/lib/auth/actor";
import type { Database } from "@/lib/db/client";
import { chinaDate } from "@/lib/time/china-date";
import { alertWebhookUrl } from "./alert-webhook";
import { resendPendingAlerts, runAlerts } from "./alerts";
import { lastWholeWeek } from "./weeks";

const HOUR_MS = 60 * 60 * 1000;
/** Later than the monthly freeze's first run, so the two do not start together. */
const FIRST_RUN_DELAY_MS = 45_000;
/** The scheduled check acts as the command centre would, and says so in the audit log. */
const SCHEDULER = { ...actorWithRole("commander"), label: "system:alerts" };

/**
 * The weekly alert check as the server runs: shortly after start and then every hour it runs if
 * the last whole week changed since its last run (a restart runs it once more; alerts already
 * raised are not raised again), and sends again what a restart cut short.
 */
export function startScheduledAlerts(database: () => Promise<Database>): { stop(): Promise<void> } {
  let running: Promise<void> | null = null;
  let stopped = false;
  let lastWeek: string | null = null;
  const tick = () => {
    const week = lastWholeWeek(chinaDate());
    if (running || stopped) return;
    running = (async () => {
      try {
        const { db } = await database();
        if (alertWebhookUrl()) await resendPendingAlerts(db);
        if (week === lastWeek) return;
        const { raised } = await runAlerts(db, SCHEDULER);
        lastWeek = week;
        if (raised.length) console.log(`[grid-atlas] alerts raised for the week of ${week}: ${raised.length}`);
      } catch (error) {
        console.error(`[grid-atlas] alerts: ${(error as Error).message}`);
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
