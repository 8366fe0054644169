// A task a running process repeats on a timer (the orphan sweep, the retention pass): one run at
// a time, the next timed from the end of the last, so a slow database never runs two; a failed
// run is reported and the next one tries again (a locked database or a full disk passes).
export interface Repeating {
  /** Waits for a run in progress, then stops; no run starts after. */
  stop(): Promise<void>;
}

export function repeatEvery(
  intervalMs: number,
  task: () => Promise<unknown>,
  onError: (error: unknown) => void,
  options: { immediately?: boolean } = {},
): Repeating {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<unknown> = Promise.resolve();
  const schedule = (delayMs: number) => {
    if (stopped) return;
    timer = setTimeout(tick, delayMs);
    // A run pending is no reason to keep the process alive.
    timer.unref();
  };
  const tick = () => {
    current = task()
      .catch(onError)
      .finally(() => schedule(intervalMs));
  };
  schedule(options.immediately ? 0 : intervalMs);
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current;
    },
  };
}
