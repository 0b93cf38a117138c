/**
 * Open the configured database, apply migrations and, on an empty database, generate the demo
 * district. Run by `npm start` and `npm run dev` before the server starts, so that failures are
 * reported as one clear line instead of a stack trace in the middle of a request.
 *
 *   --no-seed   only migrate
 */
import { openDatabase, databaseConfig } from "@/lib/db/client";
import { DatabaseSetupError } from "@/lib/db/errors";
import { postgisVersion } from "@/lib/db/migrate";
import { isDatabaseEmpty, seedDemoDistrict, isScaleName } from "@/db/seed";
import { sql } from "drizzle-orm";
import { DEMO_ACCOUNTS, ensureDemoAccounts } from "@/lib/auth/demo-accounts";
import { issueFirstRunCode } from "@/lib/auth/first-run";
import { demoWanted } from "@/lib/config/seed-demo";

async function main(): Promise<void> {
  const started = Date.now();
  const config = databaseConfig();
  const database = await openDatabase(config);
  try {
    const version = await postgisVersion(database);
    console.log(`[grid-atlas] database: ${database.kind} (${database.location}), PostGIS ${version}, migrations applied`);
    const wantSeed = !process.argv.includes("--no-seed") && demoWanted(database.kind, process.env.SEED_DEMO);
    if (wantSeed && (await isDatabaseEmpty(database.db))) {
      const scale = process.env.SEED_SCALE ?? "demo";
      if (!isScaleName(scale)) throw new DatabaseSetupError(`SEED_SCALE must be test, demo or large, not "${scale}"`);
      console.log(`[grid-atlas] empty database: generating the ${scale} district (one time only)…`);
      await seedDemoDistrict(database.db, {
        scale,
        seed: Number(process.env.SEED ?? 20131),
        anchorDate: new Date().toISOString().slice(0, 10),
        onProgress: (step) => console.log(`[grid-atlas]   ${step}`),
      });
      await database.db.execute(sql`analyze`);
    }
    const password = await ensureDemoAccounts(database);
    if (password) {
      console.log(`[grid-atlas] demo accounts (password ${password}${process.env.DEMO_PASSWORD ? ", from DEMO_PASSWORD" : ""}):`);
      for (const account of DEMO_ACCOUNTS) console.log(`[grid-atlas]   ${account.role.padEnd(13)} ${account.email}`);
    }
    const code = await issueFirstRunCode(database.db);
    if (code) {
      const port = process.env.PORT || "3000";
      console.log("[grid-atlas] no administrator yet. Either");
      console.log(`[grid-atlas]   open http://localhost:${port}/first-run and give the one-time set-up code  ${code}`);
      console.log("[grid-atlas]   (a new code is printed at each start until an administrator exists), or");
      console.log("[grid-atlas]   npm run user -- create --email you@example.org --role admin");
    }
    console.log(`[grid-atlas] database ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await database.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    if (error instanceof DatabaseSetupError) {
      console.error(`[grid-atlas] ${error.message}`);
    } else {
      console.error(`[grid-atlas] database preparation failed: ${(error as Error)?.message ?? error}`);
      if (process.env.DEBUG) console.error(error);
    }
    process.exit(1);
  },
);
