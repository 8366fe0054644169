// The background jobs this process runs (uploaded imports, whole-register reports), so a stopping
// server can tell them to stop at their next batch and wait for them before the database closes:
// a job stopped that way stays "running" with its file kept, and the next start takes it up. Jobs
// of one lane (reading uploaded lists) run one after the other, so their memory does not add up.
// Built once per process by the server and passed in the domain's deps (never a module singleton:
// the page bundle and the server bundle would each hold their own).

export const JOB_STOPPED = 'job_stopped';

export function jobStopped(): Error {
  return Object.assign(new Error('stopped: the server is shutting down'), { code: JOB_STOPPED });
}

export function isJobStopped(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === JOB_STOPPED;
}

export interface BackgroundJobs {
  readonly signal: AbortSignal;
  /** Starts `task` off the request path (next turn of the event loop) and keeps track of it. */
  run(task: (signal: AbortSignal) => Promise<void>): void;
  /**
   * As `run`, but the tasks of one `lane` run one at a time, in the order given: each starts when
   * the one before it has ended. One whose turn comes after `stop()` is still started, with its
   * signal aborted, so that it lets its job go for the next process.
   */
  runInTurn(lane: string, task: (signal: AbortSignal) => Promise<void>): void;
  /** Asks every job to stop at its next batch and waits until they have. */
  stop(): Promise<void>;
}

export function backgroundJobs(onError: (error: unknown) => void): BackgroundJobs {
  const controller = new AbortController();
  const running = new Set<Promise<void>>();
  /** The last task queued in each lane; the next one waits for it. */
  const lanes = new Map<string, Promise<void>>();
  const track = (after: Promise<void>, task: (signal: AbortSignal) => Promise<void>) => {
    const job: Promise<void> = after
      .then(() => new Promise<void>((resolve) => setImmediate(resolve)))
      .then(() => task(controller.signal))
      .catch((error) => {
        if (!isJobStopped(error)) onError(error);
      })
      .finally(() => running.delete(job));
    running.add(job);
    return job;
  };
  return {
    signal: controller.signal,
    run(task) {
      if (controller.signal.aborted) return;
      track(Promise.resolve(), task);
    },
    runInTurn(lane, task) {
      if (controller.signal.aborted) return;
      const job = track(lanes.get(lane) ?? Promise.resolve(), task);
      lanes.set(lane, job);
      void job.finally(() => {
        if (lanes.get(lane) === job) lanes.delete(lane);
      });
    },
    async stop() {
      controller.abort();
      await Promise.allSettled([...running]);
    },
  };
}
