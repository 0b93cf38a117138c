import { benchFetch } from "./auth";
import { summarise, timeRuns, type Row } from "./measure";

/** The analytics endpoints over HTTP, on the whole history of events. */
export async function benchAnalytics(group: string, baseUrl: string, targets: { hotspots: number; h3?: number; coverage: number; emerging?: number }): Promise<Row[]> {
  const health = await (await benchFetch(`${baseUrl}/api/health`)).json();
  const detail = `${health.counts.events.toLocaleString("en")} events, ${health.counts.grid_cells.toLocaleString("en")} cells`;
  const all = "from=2000-01-01&to=2100-01-01";
  const get = (path: string) => async () => {
    const response = await benchFetch(`${baseUrl}${path}`);
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  };
  const rows: Row[] = [];
  const add = async (measure: string, path: string, runs: number, target: number | null) => {
    // The first calls open connections, fill caches and let V8 optimise the hot paths: a server
    // that has run for a while is what users meet (measured: emerging settles from 1.8 s to 0.8 s).
    for (let i = 0; i < 3; i++) await get(path)();
    const times = await timeRuns(runs, get(path));
    rows.push(summarise(group, measure, times, target === null ? "" : `≤ ${target}`, target === null ? null : times[Math.floor(times.length / 2)]! <= target, measure.includes("grid cells") ? detail : undefined));
  };
  await add("hot spots, grid cells, all events", `/api/analytics/hotspots?unit=grid-cells&${all}`, 5, targets.hotspots);
  await add("hot spots, H3 res 9, all events", `/api/analytics/hotspots?unit=h3&resolution=9&${all}`, 5, targets.h3 ?? null);
  await add("hot spots, H3 res 8, all events", `/api/analytics/hotspots?unit=h3&resolution=8&${all}`, 5, targets.h3 ?? null);
  await add("coverage, whole district", `/api/analytics/coverage?unit=grid-cells`, 5, targets.coverage);
  await add("emerging hot spots, 52 weeks", `/api/analytics/emerging-hotspots?unit=grid-cells`, 5, targets.emerging ?? null);
  // The command view's case list (its first 50 and the tallies beside them): on Citus its queries
  // gather events from every shard, so it is measured beside the analyses.
  const day = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString().slice(0, 10);
  await add("case list, last 90 days, first 50", `/api/cases?from=${day(90)}&to=${day(0)}&limit=50`, 5, null);
  await add("case list, open and overdue, all events", `/api/cases?${all}&status=open&overdue=true&limit=50`, 5, null);
  return rows;
}
