/**
 * npm run bench — speed numbers, never timed assertions in tests.
 *
 * Analytics (this file): Gi* + p + FDR on 10,000 units in Node; on the embedded database at demo
 * scale; and, when BENCH_DATABASE_URL is set, on PostgreSQL at large scale (≥ 1,000,000 events,
 * ≥ 10,000 grid cells; seeded there first unless it already holds the large district).
 * Writes bench/results.json and prints a Markdown table.
 */
import fs from "node:fs";
import { sql } from "drizzle-orm";
import { seedDemoDistrict } from "@/db/seed";
import { getCoverage, CoverageParams } from "@/lib/analytics/get-coverage";
import { EmergingParams, getEmergingHotspots } from "@/lib/analytics/get-emerging-hotspots";
import { getHotspots, HotspotParams } from "@/lib/analytics/get-hotspots";
import { hotspots } from "@/lib/analytics/getis-ord";
import { migrateDatabase } from "@/lib/db/migrate";
import { openEmbedded } from "@/lib/db/open-embedded";
import { openServer } from "@/lib/db/open-server";
import { queryOne } from "@/lib/db/query";
import type { Database } from "@/lib/db/types";
import { Random } from "@/db/seed/prng";

interface Row {
  group: string;
  measure: string;
  median_ms: number;
  max_ms: number;
  runs: number;
  target_ms: number | null;
  detail?: string;
}
const rows: Row[] = [];

async function time(group: string, measure: string, runs: number, target: number | null, fn: () => Promise<unknown> | unknown, detail?: string) {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  const row = { group, measure, median_ms: round(samples[Math.floor(samples.length / 2)]!), max_ms: round(samples[samples.length - 1]!), runs, target_ms: target, detail };
  rows.push(row);
  console.log(`  ${group} · ${measure}: median ${row.median_ms} ms (max ${row.max_ms} ms, ${runs} runs)`);
}

const round = (x: number) => Math.round(x * 10) / 10;

function nodeGiStar(): Promise<void> {
  console.log("Gi* in Node");
  const side = 100;
  const random = new Random(1);
  const values = Array.from({ length: side * side }, () => Math.floor(random.next() * 20));
  const neighbours = values.map((_, i) => {
    const [r, c] = [Math.floor(i / side), i % side];
    const out: number[] = [];
    for (let dr = -1; dr <= 1; dr++) for (let dc = -1; dc <= 1; dc++) {
      if ((dr || dc) && r + dr >= 0 && r + dr < side && c + dc >= 0 && c + dc < side) out.push((r + dr) * side + c + dc);
    }
    return out;
  });
  return time("node", "Gi* + p + FDR, 10,000 units (queen)", 30, 50, () => hotspots(values, neighbours, { fdr: true, alpha: 0.05 }));
}

async function analyticsOn(label: string, database: Database, hotspotTarget: number, coverageTarget: number) {
  const anchor = await queryOne<{ value: { anchorDate: string } }>(database.db, sql`select value from dataset_meta where key = 'demo'`);
  const to = `${anchor?.value.anchorDate ?? new Date().toISOString().slice(0, 10)}T16:00:00Z`;
  const all = { to, from: "2000-01-01" }; // every event in the database
  const counts = await queryOne<{ events: number; cells: number }>(
    database.db,
    sql`select (select count(*) from events)::int as events, (select count(*) from grid_cells)::int as cells`,
  );
  const detail = `${counts?.events.toLocaleString("en")} events, ${counts?.cells.toLocaleString("en")} cells`;
  console.log(`${label}: ${detail}`);
  await time(label, "hot spots, grid cells, all events (aggregate + Gi*)", 3, hotspotTarget, () => getHotspots(database.db, HotspotParams.parse(all)), detail);
  await time(label, "hot spots, H3 res 9, all events", 3, null, () => getHotspots(database.db, HotspotParams.parse({ ...all, unit: "h3", resolution: "9" })));
  await time(label, "hot spots, H3 res 8, all events", 3, null, () => getHotspots(database.db, HotspotParams.parse({ ...all, unit: "h3", resolution: "8" })));
  await time(label, "coverage, whole district", 3, coverageTarget, () => getCoverage(database.db, CoverageParams.parse({ to })));
  await time(label, "emerging hot spots, 52 weeks, grid cells", 2, null, () => getEmergingHotspots(database.db, EmergingParams.parse({ to })));
}

async function main(): Promise<void> {
  await nodeGiStar();

  console.log("embedded PGlite, demo scale (seeding in memory)…");
  const embedded = await openEmbedded("memory");
  await migrateDatabase(embedded);
  let t = performance.now();
  await seedDemoDistrict(embedded.db, { scale: "demo", seed: 20131, anchorDate: new Date().toISOString().slice(0, 10) });
  rows.push({ group: "embedded", measure: "seed demo district", median_ms: round(performance.now() - t), max_ms: round(performance.now() - t), runs: 1, target_ms: null });
  await embedded.db.execute(sql`analyze`);
  await analyticsOn("embedded", embedded, 3000, 500);
  await embedded.close();

  const url = process.env.BENCH_DATABASE_URL;
  if (url) {
    const server = await openServer(url);
    await migrateDatabase(server);
    const meta = await queryOne<{ scale: string }>(server.db, sql`select value->>'scale' as scale from dataset_meta where key = 'demo'`);
    if (meta?.scale !== "large") {
      console.log("PostgreSQL: seeding the large district (≥ 1M events)…");
      t = performance.now();
      await seedDemoDistrict(server.db, { scale: "large", seed: 20131, anchorDate: new Date().toISOString().slice(0, 10) });
      await server.db.execute(sql`analyze`);
      rows.push({ group: "postgres", measure: "seed large district", median_ms: round(performance.now() - t), max_ms: round(performance.now() - t), runs: 1, target_ms: null });
    }
    await analyticsOn("postgres", server, 1000, 500);
    await server.close();
  } else {
    console.log("(BENCH_DATABASE_URL not set: PostgreSQL large-scale numbers skipped)");
  }

  fs.mkdirSync("bench", { recursive: true });
  const results = { date: new Date().toISOString(), node: process.version, rows };
  fs.writeFileSync("bench/results.json", JSON.stringify(results, null, 2));
  const table = [
    "| where | measure | median ms | max ms | target ms | ok |",
    "|---|---|---:|---:|---:|:-:|",
    ...rows.map((r) => `| ${r.group} | ${r.measure}${r.detail ? ` (${r.detail})` : ""} | ${r.median_ms} | ${r.max_ms} | ${r.target_ms ?? ""} | ${r.target_ms === null ? "" : r.median_ms <= r.target_ms ? "✓" : "✗"} |`),
  ].join("\n");
  fs.writeFileSync("bench/results.md", table + "\n");
  console.log(`\n${table}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
