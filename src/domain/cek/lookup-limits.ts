// Lookups are guessable (a NIK is region + birth date + a small serial), so they are counted:
// per client, and per NIK whoever asks, so that neither one caller nor many callers can walk
// through NIKs. Counters live in memory: one process serves the site (DESIGN §5).
import { createHash } from 'node:crypto';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { AppError } from '../errors.ts';

export interface LookupLimitSettings {
  /** NIK checks one client may make per window. */
  perClient: number;
  /** Checks of one NIK, from anyone, per window. */
  perNik: number;
  /** Name searches one client may make per window. */
  searchesPerClient: number;
  windowSeconds: number;
}

export const DEFAULT_LOOKUP_LIMITS: LookupLimitSettings = {
  perClient: 30,
  perNik: 10,
  searchesPerClient: 60,
  windowSeconds: 600,
};

export class LookupLimits {
  private readonly client: RateLimiterMemory;
  private readonly nik: RateLimiterMemory;
  private readonly search: RateLimiterMemory;

  constructor(settings: LookupLimitSettings = DEFAULT_LOOKUP_LIMITS) {
    const duration = settings.windowSeconds;
    this.client = new RateLimiterMemory({ points: settings.perClient, duration, keyPrefix: 'client' });
    this.nik = new RateLimiterMemory({ points: settings.perNik, duration, keyPrefix: 'nik' });
    this.search = new RateLimiterMemory({
      points: settings.searchesPerClient,
      duration,
      keyPrefix: 'search',
    });
  }

  /** Counts a NIK check; throws `rate_limited` once the client or the NIK is over its limit. */
  async countNikCheck(clientKey: string, nik: string): Promise<void> {
    // The NIK is hashed so that the counters hold no personal data.
    const nikKey = createHash('sha256').update(nik).digest('base64url');
    await Promise.all([consume(this.client, clientKey), consume(this.nik, nikKey)]);
  }

  async countSearch(clientKey: string): Promise<void> {
    await consume(this.search, clientKey);
  }
}

async function consume(limiter: RateLimiterMemory, key: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (error) {
    if (error instanceof RateLimiterRes) {
      const seconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
      throw new AppError('rate_limited', {}, `retry in ${seconds} s`, { retryAfterSeconds: seconds });
    }
    throw error;
  }
}
