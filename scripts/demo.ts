/**
 * The generated demo district:
 *   npm run demo -- show      what is demo data, and what stands in the way of removing it
 *   npm run demo -- remove    delete every demo row (one transaction, audited); imported and
 *                             hand-made rows, accounts and settings stay; demo accounts are disabled
 * On the embedded database, stop the server first (or use "Remove the demo data" on /setup);
 * on PostgreSQL it works beside a running server.
 */
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { describeError } from "@/lib/maintenance/maintenance-socket";
import { openForMaintenance } from "@/lib/maintenance/open-for-maintenance";
import { demoSummary, removeDemoData } from "@/lib/setup/demo-data";

async function main(): Promise<void> {
  const command = process.argv[2];
  if (command !== "show" && command !== "remove") {
    console.error("usage: npm run demo -- show|remove");
    process.exitCode = 2;
    return;
  }
  const target = await openForMaintenance({ viaServer: false });
  if (target.kind !== "direct") throw new Error("unreachable");
  try {
    const db = target.database.db;
    const summary = await demoSummary(db, SYSTEM_ACTOR);
    if (!summary.present) {
      console.log("no demo data in this database");
      return;
    }
    if (command === "show") {
      console.table(summary.counts);
      for (const b of summary.blockers) console.log(`cannot remove yet: ${b}`);
      return;
    }
    const removed = await removeDemoData(db, SYSTEM_ACTOR);
    console.log("removed the demo district:");
    console.table(removed);
  } finally {
    await target.database.close();
  }
}

main().catch((error: unknown) => {
  console.error(describeError(error));
  process.exit(1);
});
