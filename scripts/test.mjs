// `npm test`: unit + integration tests on the embedded database, again on PostgreSQL when
// TEST_DATABASE_URL is set, then the Playwright suite in Debian's Chromium.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const chromium = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
if (!fs.existsSync(chromium)) {
  console.error(
    `npm test needs Chromium for the browser tests: none at ${chromium}. Install it (Debian: apt-get install chromium) or set CHROMIUM_PATH.`,
  );
  process.exit(1);
}

const bin = (name) => path.join("node_modules", ".bin", name);
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const failures = [];
const step = (label, command, args, extra = {}) => {
  console.log(`\n=== ${label} ===`);
  const status = spawnSync(command, args, { stdio: "inherit", env: { ...env, ...extra } }).status;
  if (status !== 0) failures.push(label);
};

step("unit + integration (embedded PGlite)", bin("vitest"), ["run"], { TEST_DB: "embedded" });
if (process.env.TEST_DATABASE_URL) {
  step("unit + integration (PostgreSQL at TEST_DATABASE_URL)", bin("vitest"), ["run"], { TEST_DB: "postgres" });
} else {
  console.log("\n(TEST_DATABASE_URL not set: the PostgreSQL pass is skipped; .ci/run sets it)");
}
step("end-to-end (Playwright, Chromium)", bin("playwright"), ["test"]);

if (failures.length > 0) {
  console.error(`\nFailed: ${failures.join("; ")}`);
  process.exit(1);
}
console.log("\nAll test suites passed.");
