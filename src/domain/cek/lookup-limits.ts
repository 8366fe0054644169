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

/**
 * Failed officer logins, per 15 minutes: one client on one account is stopped after 5, one
 * client on any accounts after 30. Failures on one account from everywhere only slow its logins
 * down (`loginDelayMs`): blocking the account itself would let anyone lock an officer out.
 */
export const LOGIN_LIMITS = {
  perAccountAndClient: 5,
  perClient: 30,
  slowAfterPerAccount: 10,
  windowSeconds: 900,
};
const MAX_LOGIN_DELAY_MS = 3000;

export class LookupLimits {
  private readonly client: RateLimiterAbstract;
  private readonly nik: RateLimiterAbstract;
  private readonly search: RateLimiterAbstract;
  private readonly trackingClient: RateLimiterAbstract;
  private readonly trackingReference: RateLimiterAbstract;

  private readonly loginPair: RateLimiterAbstract;
  private readonly loginClient: RateLimiterAbstract;
  private readonly loginAccount: RateLimiterAbstract;

  constructor(settings: LookupLimitSettings = DEFAULT_LOOKUP_LIMITS, makeLimiter: LimiterFactory = inMemory) {
    const duration = settings.windowSeconds;
    const loginWindow = LOGIN_LIMITS.windowSeconds;
    this.loginPair = makeLimiter({
      points: LOGIN_LIMITS.perAccountAndClient,
      duration: loginWindow,
      keyPrefix: 'login-pair',
    });
    this.loginClient = makeLimiter({
      points: LOGIN_LIMITS.perClient,
      duration: loginWindow,
      keyPrefix: 'login-client',
    });
    // Counted far past the slow-down point: the count sets the delay, it never refuses.
    this.loginAccount = makeLimiter({ points: 1_000_000, duration: loginWindow, keyPrefix: 'login-account' });
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

  /** Throws `rate_limited` while this client may not try to log in (to this account or at all). */
  async checkLogin(clientKey: string, username: string): Promise<void> {
    const keys = loginKeys(clientKey, username);
    await refuseWhenSpent(this.loginPair, keys.pair, LOGIN_LIMITS.perAccountAndClient);
    await refuseWhenSpent(this.loginClient, keys.client, LOGIN_LIMITS.perClient);
  }

  /** How long to hold a login to an account that many clients are failing on. */
  async loginDelayMs(username: string): Promise<number> {
    const state = await this.loginAccount.get(loginKeys('', username).account);
    const over = (state?.consumedPoints ?? 0) - LOGIN_LIMITS.slowAfterPerAccount;
    return over <= 0 ? 0 : Math.min(MAX_LOGIN_DELAY_MS, over * 250);
  }

  async countFailedLogin(clientKey: string, username: string): Promise<void> {
    const keys = loginKeys(clientKey, username);
    await Promise.all([
      this.loginPair.penalty(keys.pair, 1),
      this.loginClient.penalty(keys.client, 1),
      this.loginAccount.penalty(keys.account, 1),
    ]);
  }

  /** A successful login clears this client's failures on the account (not the account's). */
  async clearLoginFailures(clientKey: string, username: string): Promise<void> {
    await this.loginPair.delete(loginKeys(clientKey, username).pair);
  }

  /** Counts an attempt to prove a tracking code; throws `rate_limited` once client or reference is over. */
  async countTracking(clientKey: string, reference: string): Promise<void> {
    await Promise.all([consume(this.trackingClient, clientKey), consume(this.trackingReference, reference)]);
  }
}

/** Counter keys for a login: the username as typed is hashed, it may be someone's password. */
const loginKeys = (clientKey: string, username: string) => {
  const account = createHash('sha256').update(username.trim().toLowerCase()).digest('base64url');
  return { pair: `${account}:${clientKey}`, client: clientKey, account };
};

async function refuseWhenSpent(limiter: RateLimiterAbstract, key: string, points: number): Promise<void> {
  const state = await limiter.get(key);
  if (state && state.consumedPoints >= points) {
    const seconds = Math.max(1, Math.ceil(state.msBeforeNext / 1000));
    throw new AppError('rate_limited', {}, `retry in ${seconds} s`, { retryAfterSeconds: seconds });
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
