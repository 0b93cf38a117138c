/**
 * Generate the demo district: npm run db:seed -- --scale test|demo|large [--seed N] [--anchor YYYY-MM-DD] [--districts N] [--force]
 * (--districts 3: a city of three districts, the demo's own and two copies under other codes, for
 * tests and the bench; db/seed/city.ts).
 * Refuses to overwrite a database that already holds data unless --force is given.
 */
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { openDatabase } from "@/lib/db/client";
import { DatabaseSetupError } from "@/lib/db/errors";
import { isDatabaseEmpty, isScaleName, seedDemoDistrict } from "@/db/seed";
import { demoChecksum } from "@/db/seed/checksum";
import { MAX_DISTRICTS } from "@/db/seed/city";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scale: { type: "string", default: "demo" },
      seed: { type: "string", default: "20131" },
      anchor: { type: "string", default: new Date().toISOString().slice(0, 10) },
      districts: { type: "string", default: "1" },
      force: { type: "boolean", default: false },
      checksum: { type: "boolean", default: false },
    },
  });
  if (!isScaleName(values.scale)) throw new DatabaseSetupError(`--scale must be test, demo or large, not "${values.scale}"`);
  const seed = Number(values.seed);
  if (!Number.isInteger(seed) || seed <= 0) throw new DatabaseSetupError(`--seed must be a positive integer`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(values.anchor)) throw new DatabaseSetupError(`--anchor must be YYYY-MM-DD`);
  const districts = Number(values.districts);
  if (!Number.isInteger(districts) || districts < 1 || districts > MAX_DISTRICTS) throw new DatabaseSetupError(`--districts must be 1 to ${MAX_DISTRICTS}`);

  const database = await openDatabase();
  try {
    if (!values.force && !(await isDatabaseEmpty(database.db))) {
      throw new DatabaseSetupError(
        `${database.location} already holds data. Re-run with --force to replace it with a generated district.`,
      );
    }
    const started = Date.now();
    await seedDemoDistrict(database.db, {
      scale: values.scale,
      seed,
      anchorDate: values.anchor,
      districts,
      onProgress: (step) => console.log(`  ${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s  ${step}`),
    });
    await database.db.execute(sql`analyze`);
    console.log(`seeded ${values.scale}${districts > 1 ? ` × ${districts} districts` : ""} (seed ${seed}, anchor ${values.anchor}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (values.checksum) console.log(`checksum ${await demoChecksum(database.db)}`);
  } finally {
    await database.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof DatabaseSetupError ? error.message : error);
    process.exit(1);
  },
);
