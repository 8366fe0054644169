// Checking an officer's password costs scrypt about a tenth of a second of a core and 128 MiB
// (passwords.ts), on libuv's thread pool, which also writes residents' uploads to disk. A flood of
// sign-ins once held a complaint with a photo for 53 s and slowed Cek tenfold (issue 21). So at
// most `concurrent` hashes run at once, at most `waiting` wait their turn, and the rest are told
// to come back (429): a resident's request never queues behind a guesser's.
import PQueue from 'p-queue';
import { AppError } from '../errors.ts';

export interface PasswordWorkSettings {
  concurrent: number;
  waiting: number;
}

/** One hash at a time leaves the second core of a small server to the residents. */
export const DEFAULT_PASSWORD_WORK: PasswordWorkSettings = { concurrent: 1, waiting: 16 };

const RETRY_AFTER_SECONDS = 5;

export class PasswordWork {
  private readonly queue: PQueue;
  private readonly waiting: number;

  constructor(settings: PasswordWorkSettings = DEFAULT_PASSWORD_WORK) {
    this.queue = new PQueue({ concurrency: settings.concurrent });
    this.waiting = settings.waiting;
  }

  /** Runs `work` (a hash or a check) in turn; `rate_limited` when too many already wait. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.queue.size >= this.waiting) {
      throw new AppError('rate_limited', {}, 'password checks are queued full', {
        retryAfterSeconds: RETRY_AFTER_SECONDS,
      });
    }
    return this.queue.add(work, { throwOnTimeout: true });
  }

  /** Hashes running and waiting, for the health of the process. */
  get load(): { running: number; waiting: number } {
    return { running: this.queue.pending, waiting: this.queue.size };
  }
}
