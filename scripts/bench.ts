/**
 * npm run bench — numbers, never timed assertions in tests.
 *
 * 1. Gi* + p + FDR on 10,000 units in Node.
 * 2. Embedded database at demo scale: starts the production build on a fresh DATA_DIR.
 * 3. With BENCH_DATABASE_URL: PostgreSQL at large scale (≥ 1M events, ≥ 10,000 cells; seeded
 *    there first unless it already holds the large district), production build against it.
 * For each: a fixed, seeded set of ≥ 200 tiles over z10–z17 around the busiest cells, per layer,
 * cold and warm with 16 requests in flight, tile sizes, and on PostgreSQL the SQL floor and the
 * HTTP/SQL ratio; the analytics endpoints; first data painted and JS per page in Chromium; on the
 * embedded demo, the field app's installability and its first screen on a throttled phone.
 * Writes bench/results.json and bench/results.md, and prints the table.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { benchAnalytics } from "@/bench/analytics";
import { benchBrowser } from "@/bench/browser";
import { benchField } from "@/bench/field";
import { summarise, timeRuns, type Row } from "@/bench/measure";
import { signInForBench } from "@/bench/auth";
import { startServer } from "@/bench/server";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { createUser, listUsers, updateUser } from "@/lib/users/users";
import { benchmarkTiles } from "@/bench/tile-set";
import { benchTiles } from "@/bench/tiles";
import { TILE_LAYER_IDS } from "@/lib/tiles/layers";
import { warmLayer } from "@/lib/tiles/warm-tiles";
import { seedDemoDistrict } from "@/db/seed";
import { getHealth } from "@/lib/health/get-health";
import { Random } from "@/db/seed/prng";
import { hotspots } from "@/lib/analytics/getis-ord";
import { migrateDatabase } from "@/lib/db/migrate";
import { openServer } from "@/lib/db/open-server";
import { queryOne } from "@/lib/db/query";

const rows: Row[] = [];
// Parts to leave out, e.g. BENCH_SKIP=embedded, BENCH_SKIP=embedded,tiles,browser (analytics only) or
// BENCH_SKIP=postgres,tiles,analytics,browser (the embedded demo's field app only).
const skip = new Set((process.env.BENCH_SKIP ?? "").split(",").filter(Boolean));
// BENCH_DISTRICTS=3: the PostgreSQL part on a city of three large districts (issue #20's 3× large).
const districts = Number(process.env.BENCH_DISTRICTS ?? 1);
if (!Number.isInteger(districts) || districts < 1 || districts > 4) throw new Error(`BENCH_DISTRICTS: 1 to 4, not ${process.env.BENCH_DISTRICTS}`);

async function nodeGiStar(): Promise<void> {
  console.log("Gi* in Node");
  const side = 100;
  const random = new Random(1);
  const values = Array.from({ length: side * side }, () => Math.floor(random.next() * 20));
  const neighbours = values.map((_, i) => {
    const [r, c] = [Math.floor(i / side), i % side];
    const out: number[] = [];
    for (let dr = -1; dr <= 1; dr++)
      for (let dc = -1; dc <= 1; dc++) if ((dr || dc) && r + dr >= 0 && r + dr < side && c + dc >= 0 && c + dc < side) out.push((r + dr) * side + c + dc);
    return out;
  });
  const times = await timeRuns(30, () => hotspots(values, neighbours, { fdr: true, alpha: 0.05 }));
  rows.push(summarise("node", "Gi* + p + FDR, 10,000 units (queen)", times, "≤ 50", times[15]! <= 50));
}

async function embedded(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "grid-atlas-bench-"));
  console.log(`embedded PGlite, demo scale (fresh DATA_DIR ${dataDir}; seeding and building first)…`);
  const password = "bench-demo-password";
  // No tile warmer while measuring: the first pass must find the tile cache empty (a fresh DATA_DIR).
  let server = await startServer(3911, { DATA_DIR: dataDir, DATABASE_URL: "", SEED_SCALE: "demo", DEMO_PASSWORD: password, TILE_WARMER: "off", H3_FILLER: "off" });
  const signIn = (url: string) => signInForBench(url, "commander@demo.local", password);
  try {
    await signIn(server.url);
    if (!skip.has("tiles")) {
      const tiles = await benchmarkTiles(server.url);
      console.log(`  ${tiles.length} tiles`);
      const measured = await benchTiles("embedded", server, signIn, tiles, null, { warm: 25, cold: 200, coldLow: 200 });
      rows.push(...measured.rows);
      server = measured.server;
    }
    if (!skip.has("analytics")) rows.push(...(await benchAnalytics("embedded", server.url, { hotspots: 3000, coverage: 500 })));
    if (!skip.has("browser")) rows.push(...(await benchBrowser("embedded", server.url, 4000)));
    if (!skip.has("field")) rows.push(...(await benchField("embedded", server.url, "worker@demo.local", password)));
  } finally {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function postgres(url: string): Promise<void> {
  const direct = await openServer(url);
  try {
    await migrateDatabase(direct);
    // On a Citus coordinator the rows are named so, beside a single server's.
    const group = (await getHealth(direct)).db === "citus" ? `citus×${districts}` : districts > 1 ? `postgres×${districts}` : "postgres";
    const meta = await queryOne<{ scale: string | null; districts: number | null }>(
      direct.db,
      sql`select value->>'scale' as scale, jsonb_array_length(coalesce(value->'districts', '[]'::jsonb)) as districts from dataset_meta where key = 'demo'`,
    );
    if (meta?.scale !== "large" || Math.max(1, Number(meta.districts)) !== districts) {
      console.log(`${group}: seeding the large district${districts > 1 ? ` as a city of ${districts}` : ""} (≥ ${districts}M events; a few minutes a district, once)…`);
      const t = performance.now();
      await seedDemoDistrict(direct.db, { scale: "large", seed: 20131, anchorDate: new Date().toISOString().slice(0, 10), districts });
      await direct.db.execute(sql`analyze`);
      console.log(`  seeded in ${((performance.now() - t) / 1000).toFixed(0)} s`);
    }
    // No demo accounts on PostgreSQL: the bench keeps its own commander account.
    const password = `bench-${Math.random().toString(36).slice(2)}-password`;
    const existing = (await listUsers(direct.db, SYSTEM_ACTOR)).find((u) => u.email === "bench@bench.local");
    if (existing) await updateUser(direct.db, SYSTEM_ACTOR, existing.id, { password, disabled: false });
    else await createUser(direct.db, SYSTEM_ACTOR, { email: "bench@bench.local", display_name: "Benchmark", role: "commander", street_code: null, password });
    console.log("PostgreSQL, large scale: starting the production build…");
    // The tile cache emptied and no warmer: the first pass measures tiles made on request.
    await direct.db.execute(sql`truncate tile_cache`);
    let server = await startServer(3912, { DATABASE_URL: url, SEED_DEMO: "0", TILE_WARMER: "off", H3_FILLER: "off" });
    const signIn = (at: string) => signInForBench(at, "bench@bench.local", password);
    try {
      await signIn(server.url);
      if (!skip.has("tiles")) {
        const tiles = await benchmarkTiles(server.url);
        console.log(`  ${tiles.length} tiles`);
        const measured = await benchTiles(group, server, signIn, tiles, direct, { warm: 25, cold: 150, coldLow: 300 });
        rows.push(...measured.rows);
        server = measured.server;
        rows.push(await benchWarmer(group, direct));
      }
      rows.push(...(await benchAnalytics(group, server.url, { hotspots: 1000, h3: 1000, coverage: 500, emerging: 1000 })));
      if (!skip.has("browser")) rows.push(...(await benchBrowser(group, server.url, 2000)));
    } finally {
      await server.stop();
    }
  } finally {
    await direct.close();
  }
}

/** The tile warmer's work after a restart with an empty cache: every layer's z10–14 district tiles. */
async function benchWarmer(group: string, direct: Awaited<ReturnType<typeof openServer>>): Promise<Row> {
  await direct.db.execute(sql`truncate tile_cache`);
  const started = performance.now();
  let made = 0;
  for (const layer of TILE_LAYER_IDS) made += await warmLayer(direct, layer, new Date());
  const ms = performance.now() - started;
  console.log(`  tile warmer: ${made} tiles in ${(ms / 1000).toFixed(1)} s`);
  return { group, measure: "tile warmer: every layer's z10–14 district tiles, empty cache", p50_ms: null, p95_ms: null, max_ms: Math.round(ms), n: made, target: "", ok: null, detail: `${made} tiles in ${(ms / 1000).toFixed(0)} s` };
}

function table(): string {
  const cell = (v: number | null) => (v === null || Number.isNaN(v) ? "" : String(v));
  return [
    "| where | measure | p50 ms | p95 ms | max ms | n | target | ok | notes |",
    "|---|---|---:|---:|---:|---:|---|:-:|---|",
    ...rows.map(
      (r) => `| ${r.group} | ${r.measure} | ${cell(r.p50_ms)} | ${cell(r.p95_ms)} | ${cell(r.max_ms)} | ${r.n} | ${r.target} | ${r.ok === null ? "" : r.ok ? "✓" : "✗"} | ${r.detail ?? ""} |`,
    ),
  ].join("\n");
}

async function main(): Promise<void> {
  await nodeGiStar();
  if (!skip.has("embedded")) await embedded();
  const url = process.env.BENCH_DATABASE_URL;
  if (url && !skip.has("postgres")) await postgres(url);
  else if (!url) console.log("(BENCH_DATABASE_URL not set: the PostgreSQL large-scale part is skipped)");
  fs.mkdirSync("bench", { recursive: true });
  fs.writeFileSync("bench/results.json", JSON.stringify({ date: new Date().toISOString(), node: process.version, cpus: os.cpus().length, rows }, null, 2));
  const markdown = table();
  fs.writeFileSync("bench/results.md", markdown + "\n");
  console.log(`\n${markdown}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
