import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoDistrict } from "@/db/seed";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { CoverageParams, getCoverage } from "@/lib/analytics/get-coverage";
import { getHotspots, HotspotParams } from "@/lib/analytics/get-hotspots";
import { getHealth } from "@/lib/health/get-health";
import { migrateDatabase } from "./migrate";
import { openServer } from "./open-server";
import { inTransaction } from "./query";
import { openTestDatabase } from "./test-database";
import type { Database, Db } from "./types";

/**
 * Grid Atlas on a Citus coordinator (TEST_CITUS_URL: `npm run citus:local -- up` prints it; .ci/run
 * sets it when Citus could be built). The same generated city of three districts seeded on Citus
 * and on the single-node database of this pass must give the same figures. Runs in the PostgreSQL
 * pass only.
 */
const citusUrl = process.env.TEST_CITUS_URL;
const enabled = process.env.TEST_DB === "postgres" && Boolean(citusUrl);

const anchor = "2026-06-30";
const window = { to: `${anchor}T16:00:00Z`, categories: "stall_violation,complaint" };

/** The city seeded in a transaction held open for the file, rolled back at the end. */
async function seededDistrict(database: Database) {
  let ready!: (tx: Db) => void;
  let failed!: (error: unknown) => void;
  let finish = () => {};
  const tx = new Promise<Db>((resolve, reject) => ((ready = resolve), (failed = reject)));
  const rollback = new Error("rollback");
  const done = inTransaction(database.db, async (t) => {
    await seedDemoDistrict(t, { scale: "test", seed: 7, anchorDate: anchor, districts: 3 });
    ready(t);
    await new Promise<void>((resolve) => (finish = resolve));
    throw rollback;
  }).catch((error: unknown) => {
    if (error !== rollback) failed(error); // a failed seed fails the tests with its reason
  });
  return { tx: await tx, close: async () => (finish(), done) };
}

describe.skipIf(!enabled)("on a Citus coordinator (TEST_CITUS_URL)", () => {
  let citus: Database;
  let single: Database;
  let onCitus: Awaited<ReturnType<typeof seededDistrict>>;
  let onSingle: Awaited<ReturnType<typeof seededDistrict>>;

  beforeAll(async () => {
    citus = await openServer(citusUrl!);
    await migrateDatabase(citus);
    single = await openTestDatabase();
    [onCitus, onSingle] = await Promise.all([seededDistrict(citus), seededDistrict(single)]);
  }, 300_000);

  afterAll(async () => {
    await Promise.all([onCitus?.close(), onSingle?.close()]);
    await Promise.all([citus?.close(), single?.close()]);
  });

  it("says it runs on Citus, with its workers", async () => {
    const health = await getHealth({ ...citus, db: onCitus.tx });
    expect(health.db).toBe("citus");
    expect(health.citus_workers).toBeGreaterThanOrEqual(1);
    expect((await getHealth({ ...single, db: onSingle.tx })).citus_workers).toBeUndefined();
  });

  it("counts the same rows as the single-node database", async () => {
    const [a, b] = await Promise.all([getHealth({ ...citus, db: onCitus.tx }), getHealth({ ...single, db: onSingle.tx })]);
    expect(a.counts).toEqual(b.counts);
    expect(a.counts.events).toBeGreaterThan(0);
  });

  it("finds the same hot spots, z to 1e-9", async () => {
    const params = HotspotParams.parse(window);
    const [a, b] = await Promise.all([getHotspots(onCitus.tx, SYSTEM_ACTOR, params), getHotspots(onSingle.tx, SYSTEM_ACTOR, params)]);
    const single = new Map(b.features.map((f) => [f.properties.code, f.properties]));
    expect(a.features.length).toBe(b.features.length);
    for (const f of a.features) {
      const other = single.get(f.properties.code)!;
      expect(f.properties.count, f.properties.code).toBe(other.count);
      expect(Math.abs(f.properties.gi_z - other.gi_z), f.properties.code).toBeLessThan(1e-9);
      expect(f.properties.gi_bin, f.properties.code).toBe(other.gi_bin);
    }
  });

  it("gives the same coverage figures", async () => {
    const params = CoverageParams.parse({ ...window, from: "2026-06-01T00:00:00+08:00", to: "2026-07-01T00:00:00+08:00" });
    const [a, b] = await Promise.all([getCoverage(onCitus.tx, SYSTEM_ACTOR, params), getCoverage(onSingle.tx, SYSTEM_ACTOR, params)]);
    const figures = (c: typeof a) => Object.fromEntries(c.features.map((f) => [f.properties.code, f.properties.metrics]));
    expect(figures(a)).toEqual(figures(b));
    expect(a.features.length).toBeGreaterThan(0);
  });
});
