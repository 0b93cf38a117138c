/**
 * Monthly figures (frozen at each month's end, China time):
 *   npm run snapshots                       freeze every ended month not frozen yet (what the server does hourly)
 *   npm run snapshots -- --month 2026-10    rebuild one ended month from the register's history (audited)
 * On the embedded database, stop the server first; on PostgreSQL it works beside a running server.
 */
import { parseArgs } from "node:util";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { describeError } from "@/lib/maintenance/maintenance-socket";
import { openForMaintenance } from "@/lib/maintenance/open-for-maintenance";
import { closeEndedMonths } from "@/lib/monthly/close-ended-months";
import { freezeMonth } from "@/lib/monthly/freeze-month";
import { MONTH_PATTERN } from "@/lib/time/china-date";

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { month: { type: "string" } } });
  if (values.month !== undefined && !MONTH_PATTERN.test(values.month)) {
    console.error("usage: npm run snapshots [-- --month YYYY-MM]");
    process.exitCode = 2;
    return;
  }
  const target = await openForMaintenance({ viaServer: false });
  if (target.kind !== "direct") throw new Error("unreachable");
  try {
    const db = target.database.db;
    if (values.month) {
      const result = await freezeMonth(db, SYSTEM_ACTOR, values.month, { rebuild: true });
      console.log(`rebuilt the figures of ${result.month}: ${result.units} units`);
    } else {
      const written = await closeEndedMonths(db);
      console.log(written.length ? `frozen: ${written.join(", ")}` : "every ended month is frozen already");
    }
  } finally {
    await target.database.close();
  }
}

main().catch((error: unknown) => {
  console.error(describeError(error));
  process.exit(1);
});
