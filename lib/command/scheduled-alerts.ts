import { actorWithRole } from "@/lib/auth/actor";
import type { Database } from "@/lib/db/client";
import { startBackgroundJob, type BackgroundJob } from "@/lib/maintenance/background-job";
import { chinaDate } from "@/lib/time/china-date";
import { alertWebhookUrl } from "./alert-webhook";
import { resendPendingAlerts, runAlerts } from "./alerts";
import { lastWholeWeek } from "./weeks";

/** Later than the monthly freeze's first run, so the two do not start together. */
const FIRST_RUN_DELAY_MS = 45_000;
/** The scheduled check acts as the command centre would, and says so in the audit log. */
const SCHEDULER = { ...actorWithRole("commander"), label: "system:alerts" };

/**
 * The weekly alert check as the server runs: shortly after start and then every hour it runs if
 * the last whole week changed since its last run (a restart runs it once more; alerts already
 * raised are not raised again), and sends again what a restart cut short.
 */
export function startScheduledAlerts(database: () => Promise<Database>): BackgroundJob {
  let lastWeek: string | null = null;
  return startBackgroundJob("alerts", FIRST_RUN_DELAY_MS, async () => {
    const { db } = await database();
    if (alertWebhookUrl()) await resendPendingAlerts(db);
    const week = lastWholeWeek(chinaDate());
    if (week === lastWeek) return;
    const { raised } = await runAlerts(db, SCHEDULER);
    lastWeek = week;
    if (raised.length) console.log(`[grid-atlas] alerts raised for the week of ${week}: ${raised.length}`);
  });
}
