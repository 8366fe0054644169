// The lookup counters of requests that arrive together, written in one statement (decision 0035).
// Every lookup counts its client and its NIK (or reference) and spends its proof of work; one
// upsert per lookup was a quarter of a lookup's server time (issue 22). Here a request's hits wait
// for the next write, which adds every point asked since the last one: one row per key with the
// number of points, so twenty lookups of one client are one row `+20`, and each request is
// answered with the total as it stood after its own point, as if the statements had run one
// after the other. Nothing is answered before the shared store has it, so processes sharing
// PostgreSQL see each other's counts at once and a proof spent in one is spent in all; what the
// grouping saves is the statement, its commit and its round trip, not the exactness.
import type { CounterHit, CounterState, CounterStore } from './rate-counters.ts';

/**
 * Rows in one statement at most: a statement is prepared per row count (and named per
 * connection on PostgreSQL), so the shapes stay few.
 */
const MAX_ROWS = 64;

interface Waiting {
  durationMs: number;
  /** One per point asked, in the order asked: each learns its own total. */
  waiters: { resolve: (state: CounterState) => void; reject: (error: unknown) => void }[];
}

export class GroupedCounters implements CounterStore {
  private queue = new Map<string, Waiting>();
  private scheduled = false;
  private writing = false;
  /** Statements written, for tests and the bench: fewer than the requests counted. */
  statements = 0;

  constructor(readonly store: CounterStore) {}

  hit(hits: readonly CounterHit[]): Promise<CounterState[]> {
    const answers = hits.map(
      (h) =>
        new Promise<CounterState>((resolve, reject) => {
          const points = h.points ?? 1;
          let waiting = this.queue.get(h.key);
          if (!waiting) {
            waiting = { durationMs: h.durationMs, waiters: [] };
            this.queue.set(h.key, waiting);
          }
          // A hit of several points is answered with the total after its last one.
          for (let i = 1; i < points; i++) waiting.waiters.push({ resolve: () => {}, reject: () => {} });
          waiting.waiters.push({ resolve, reject });
        }),
    );
    this.schedule();
    return Promise.all(answers);
  }

  private schedule(): void {
    if (this.scheduled || this.writing) return;
    this.scheduled = true;
    // After this turn of the event loop: requests read together are counted together.
    setImmediate(() => {
      this.scheduled = false;
      void this.write();
    });
  }

  /** Writes what is queued, one statement per MAX_ROWS keys; what arrives meanwhile waits for the next. */
  private async write(): Promise<void> {
    this.writing = true;
    const batch = [...this.queue];
    this.queue = new Map();
    try {
      for (let start = 0; start < batch.length; start += MAX_ROWS) {
        const rows = batch.slice(start, start + MAX_ROWS);
        let states: CounterState[];
        try {
          this.statements++;
          states = await this.store.hit(
            rows.map(([key, w]) => ({ key, durationMs: w.durationMs, points: w.waiters.length })),
          );
        } catch (error) {
          for (const [, w] of rows) for (const waiter of w.waiters) waiter.reject(error);
          continue;
        }
        for (const [i, [, w]] of rows.entries()) {
          const state = states[i] as CounterState;
          const first = state.points - w.waiters.length;
          for (const [j, waiter] of w.waiters.entries())
            waiter.resolve({ points: first + j + 1, expire: state.expire });
        }
      }
    } finally {
      this.writing = false;
      if (this.queue.size > 0) this.schedule();
    }
  }
}
