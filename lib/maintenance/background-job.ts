const HOUR_MS = 60 * 60 * 1000;

export interface BackgroundJob {
  /** Stop ticking and wait for a run underway. */
  stop(): Promise<void>;
}

/**
 * A job the server runs in the background: `firstDelayMs` after start, then every `everyMs` (an
 * hour unless said), never two runs at once; a failure is logged under `name` and the next tick
 * tries again. A long run can ask `stopping()` between steps. The timers do not keep the process alive.
 */
export function startBackgroundJob(
  name: string,
  firstDelayMs: number,
  run: (stopping: () => boolean) => Promise<void>,
  everyMs = HOUR_MS,
): BackgroundJob {
  let running: Promise<void> | null = null;
  let stopped = false;
  const tick = () => {
    if (running || stopped) return;
    running = (async () => {
      try {
        await run(() => stopped);
      } catch (error) {
        console.error(`[grid-atlas] ${name}: ${(error as Error).message}`);
      } finally {
        running = null;
      }
    })();
  };
  const first = setTimeout(tick, firstDelayMs);
  const timer = setInterval(tick, everyMs);
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
