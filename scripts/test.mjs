// `npm test`: lint, then unit + integration tests on the embedded database, again on PostgreSQL when
// TEST_DATABASE_URL is set, then the Playwright suite in Debian's Chromium.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const chromium = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
if (!fs.existsSync(chromium) && !process.env.CHROMIUM_PATH && process.getuid?.() === 0 && fs.existsSync("/usr/bin/apt-get")) {
  // As root on Debian, install what the browser tests need rather than stopping (never a downloaded browser).
  console.log("npm test: installing Debian's Chromium for the browser tests (apt-get install chromium)…");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
  spawnSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", "chromium"], { stdio: "inherit", env });
}
if (!fs.existsSync(chromium)) {
  console.error(
    `npm test needs Chromium for the browser tests: none at ${chromium}. Install it (Debian: apt-get install chromium) or set CHROMIUM_PATH.`,
  );
  process.exit(1);
}

const bin = (name) => path.join("node_modules", ".bin", name);
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const reports = fs.mkdtempSync(path.join(os.tmpdir(), "grid-atlas-test-"));
const failures = [];
const totals = { passed: 0, failed: 0, skipped: 0 };
const step = (label, command, args, extra = {}) => {
  console.log(`\n=== ${label} ===`);
  const status = spawnSync(command, args, { stdio: "inherit", env: { ...env, ...extra } }).status;
  if (status !== 0) failures.push(label);
  return status === 0;
};
/** Add a runner's JSON report to the totals; a missing report means the runner did not finish. */
const count = (file, read) => {
  try {
    const [passed, failed, skipped] = read(JSON.parse(fs.readFileSync(file, "utf8")));
    totals.passed += passed;
    totals.failed += failed;
    totals.skipped += skipped;
  } catch {
    totals.failed += 1;
  }
};
const vitest = (label, db, extra = {}) => {
  const file = path.join(reports, `vitest-${db}.json`);
  step(label, bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${file}`], { TEST_DB: db, ...extra });
  count(file, (r) => [r.numPassedTests, r.numFailedTests, r.numPendingTests + (r.numTodoTests ?? 0)]);
};

// Lint first (types with unused locals, then ESLint's Next.js rules): a finding fails the run like a test.
if (!step("lint (tsc + ESLint)", "npm", ["run", "--silent", "lint"])) totals.failed += 1;
vitest("unit + integration (embedded PGlite)", "embedded");
if (process.env.TEST_DATABASE_URL) {
  // Test files share this database and each seeds its district inside a transaction that is
  // rolled back, so one file's TRUNCATE waits for another's transaction to end; that wait counts
  // against the statement timeout, which is meant for runaway queries in production.
  vitest("unit + integration (PostgreSQL at TEST_DATABASE_URL)", "postgres", { STATEMENT_TIMEOUT_MS: "600000" });
} else {
  console.log("\n(TEST_DATABASE_URL not set: the PostgreSQL pass is skipped; .ci/run sets it)");
}
const playwrightReport = path.join(reports, "playwright.json");
step("end-to-end (Playwright, Chromium)", bin("playwright"), ["test", "--reporter=list,json"], { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport });
count(playwrightReport, (r) => [r.stats.expected + r.stats.flaky, r.stats.unexpected, r.stats.skipped]);
fs.rmSync(reports, { recursive: true, force: true });

if (failures.length > 0) console.error(`\nFailed: ${failures.join("; ")}`);
else console.log("\nAll test suites passed.");
// One closing line over all three runs, in the plain form CI tools read.
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failures.length > 0 ? 1 : 0);
