const HOUR_MS = 60 * 60 * 1000;

export interface HourlyJob {
  /** Stop ticking and wait for a run underway. */
  stop(): Promise<void>;
}

/**
 * A job the server runs in the background: `firstDelayMs` after start, then every hour, never two
 * runs at once; a failure is logged under `name` and the next tick tries again. The timers do not
 * keep the process alive.
 */
export function startHourlyJob(name: string, firstDelayMs: number, run: () => Promise<void>): HourlyJob {
  let running: Promise<void> | null = null;
  let stopped = false;
  const tick = () => {
    if (running || stopped) return;
    running = (async () => {
      try {
        await run();
      } catch (error) {
        console.error(`[grid-atlas] ${name}: ${(error as Error).message}`);
      } finally {
        running = null;
      }
    })();
  };
  const first = setTimeout(tick, firstDelayMs);
  const timer = setInterval(tick, HOUR_MS);
  first.unref();
  timer.unref();
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
}
