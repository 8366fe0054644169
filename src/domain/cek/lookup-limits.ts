// Lookups are guessable (a NIK is region + birth date + a small serial), so they are counted:
// per client, and per NIK whoever asks, so that neither one caller nor many callers can walk
// through NIKs. Tracking a ticket (reference + code) is counted the same way, per client and
// per reference, so that codes cannot be guessed online (decision 0004). The counters live where
// the limiter factory puts them: in the database, so that every app process behind a load
// balancer counts together (in memory only for unit tests).
import { createHash } from 'node:crypto';
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { AppError } from '../errors.ts';

export interface LookupLimitSettings {
  /** NIK checks one client may make per window. */
  perClient: number;
  /** Checks of one NIK, from anyone, per window. */
  perNik: number;
  /** Name searches one client may make per window. */
  searchesPerClient: number;
  /** Tracking attempts (lacak, correction, reopen) one client may make per window. */
  trackingPerClient: number;
  /** Tracking attempts on one reference, from anyone, per window. */
  trackingPerReference: number;
  windowSeconds: number;
}

export const DEFAULT_LOOKUP_LIMITS: LookupLimitSettings = {
  perClient: 30,
  perNik: 10,
  searchesPerClient: 60,
  trackingPerClient: 60,
  trackingPerReference: 10,
  windowSeconds: 600,
};

/** Builds one counter: `points` per `duration` seconds, keys prefixed with `keyPrefix`. */
export type LimiterFactory = (options: {
  keyPrefix: string;
  points: number;
  duration: number;
}) => RateLimiterAbstract;

const inMemory: LimiterFactory = (options) => new RateLimiterMemory(options);

export class LookupLimits {
  private readonly client: RateLimiterAbstract;
  private readonly nik: RateLimiterAbstract;
  private readonly search: RateLimiterAbstract;
  private readonly trackingClient: RateLimiterAbstract;
  private readonly trackingReference: RateLimiterAbstract;

  constructor(settings: LookupLimitSettings = DEFAULT_LOOKUP_LIMITS, makeLimiter: LimiterFactory = inMemory) {
    const duration = settings.windowSeconds;
    this.client = makeLimiter({ points: settings.perClient, duration, keyPrefix: 'client' });
    this.nik = makeLimiter({ points: settings.perNik, duration, keyPrefix: 'nik' });
    this.search = makeLimiter({ points: settings.searchesPerClient, duration, keyPrefix: 'search' });
    this.trackingClient = makeLimiter({
      points: settings.trackingPerClient,
      duration,
      keyPrefix: 'tracking-client',
    });
    this.trackingReference = makeLimiter({
      points: settings.trackingPerReference,
      duration,
      keyPrefix: 'tracking-reference',
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

  /**
   * Counts a lookup that consults household data by something other than a NIK the caller
   * typed (a sanggahan's recipient id): the client's NIK-check budget, no per-NIK counter.
   */
  async countHouseholdLookup(clientKey: string): Promise<void> {
    await consume(this.client, clientKey);
  }

  /** Counts an attempt to prove a tracking code; throws `rate_limited` once client or reference is over. */
  async countTracking(clientKey: string, reference: string): Promise<void> {
    await Promise.all([consume(this.trackingClient, clientKey), consume(this.trackingReference, reference)]);
  }
}

async function consume(limiter: RateLimiterAbstract, key: string): Promise<void> {
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
