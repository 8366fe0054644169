// Many submissions, one fsync. With synchronous=FULL every commit waits for the disk (~5 ms
// here), and better-sqlite3 waits with the whole process: one ticket per fsync capped
// submissions near 50 a second. Submissions that arrive together are written in one
// transaction instead, each inside its own savepoint, so one that fails (a duplicate, a raced
// key) is rolled back alone and the others commit, durably, with a single fsync.
import { sql, type Transaction } from 'kysely';
import type { Db } from './database.ts';
import type { Database } from './schema.ts';

export type Work<T> = (trx: Transaction<Database>) => Promise<T>;

/** Runs a submission's writes in a transaction that has committed when the promise settles. */
export interface Commits {
  run<T>(work: Work<T>): Promise<T>;
}

/** One transaction per call. */
export function directCommits(db: Db): Commits {
  return { run: (work) => db.transaction().execute(work) };
}

interface Pending {
  work: Work<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export class GroupCommit implements Commits {
  private queue: Pending[] = [];
  private flushing = false;

  constructor(
    private readonly db: Db,
    private readonly maxBatch = 32,
  ) {}

  /** Runs `work` in a savepoint of the next batch's transaction; settles once that has committed. */
  run<T>(work: Work<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.flushing) {
        this.flushing = true;
        // After the current turn of the event loop, so that requests read together batch together.
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    const batch = this.queue.splice(0, this.maxBatch);
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    try {
      await this.db.transaction().execute(async (trx) => {
        for (const pending of batch) {
          await sql`SAVEPOINT submission`.execute(trx);
          try {
            const value = await pending.work(trx);
            await sql`RELEASE submission`.execute(trx);
            outcomes.push({ ok: true, value });
          } catch (error) {
            await sql`ROLLBACK TO submission`.execute(trx);
            await sql`RELEASE submission`.execute(trx);
            outcomes.push({ ok: false, error });
          }
        }
      });
      batch.forEach((pending, i) => {
        const outcome = outcomes[i];
        if (outcome?.ok) pending.resolve(outcome.value);
        else pending.reject(outcome ? outcome.error : new Error('group commit lost a submission'));
      });
    } catch (error) {
      // The batch did not commit: nobody's work is recorded.
      for (const pending of batch) pending.reject(error);
    } finally {
      if (this.queue.length > 0) setImmediate(() => void this.flush());
      else this.flushing = false;
    }
  }
}
