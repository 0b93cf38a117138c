/** Small helpers shared by the benchmark parts: timing, percentiles and the result rows. */
export interface Row {
  group: string;
  measure: string;
  p50_ms: number | null;
  p95_ms: number | null;
  max_ms: number | null;
  n: number;
  target: string;
  ok: boolean | null;
  detail?: string;
}

export const round = (x: number) => Math.round(x * 10) / 10;

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}

export async function timeRuns(runs: number, fn: () => Promise<unknown> | unknown): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  return samples.sort((a, b) => a - b);
}

export function summarise(group: string, measure: string, sorted: number[], target: string, ok: boolean | null, detail?: string): Row {
  const row = {
    group,
    measure,
    p50_ms: round(percentile(sorted, 0.5)),
    p95_ms: round(percentile(sorted, 0.95)),
    max_ms: round(sorted[sorted.length - 1] ?? NaN),
    n: sorted.length,
    target,
    ok,
    detail,
  };
  console.log(`  ${group} · ${measure}: p50 ${row.p50_ms} ms, p95 ${row.p95_ms} ms, max ${row.max_ms} ms (n=${row.n})${detail ? ` — ${detail}` : ""}`);
  return row;
}

/** Run `tasks` with at most `concurrency` in flight; returns each task's duration in ms. */
export async function concurrently<T>(items: T[], concurrency: number, task: (item: T) => Promise<void>): Promise<number[]> {
  const times: number[] = [];
  const queue = [...items];
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) {
        const t = performance.now();
        await task(item);
        times.push(performance.now() - t);
      }
    }),
  );
  return times.sort((a, b) => a - b);
}
