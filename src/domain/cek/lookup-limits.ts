// Lookups are guessable (a NIK is region + birth date + a small serial), so they are counted:
// per client, and per NIK whoever asks, so that neither one caller nor many callers can walk
// through NIKs. Tracking a ticket (reference + code) is counted the same way, per client and
// per reference, so that codes cannot be guessed online (decision 0004). The counters live where
// the limiter factory puts them: in the database, so that every app process behind a load
// balancer counts together (in memory only for unit tests).
import { hash } from 'node:crypto';
import { type RateLimiterAbstract, RateLimiterMemory } from 'rate-limiter-flexible';
import { type CounterHit, type CounterStore, memoryCounters } from '../../db/rate-counters.ts';
import { accountKey } from '../backoffice/known-device.ts';
import { AppError } from '../errors.ts';
import { type Challenge, type ProofCheck, ProofOfWork, type SolvedProof } from '../privacy/proof-of-work.ts';

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
  /** Submissions (usulan, sanggahan, aduan, corrections, reopenings) one client may send per window. */
  submissionsPerClient: number;
  windowSeconds: number;
  /**
   * The proof of work a lookup or submission carries (proof-of-work.ts): the largest number of a
   * challenge, so a browser tries half of it on average. Without a proof (no JavaScript) a client
   * has a third of each per-client limit instead.
   */
  proofCost: number;
  /**
   * The cost a lookup of a NIK (or a tracking reference) over its own limit must pay instead of
   * being refused: the limit that anyone could exhaust must not lock the owner out.
   */
  hardProofCost: number;
}

export const DEFAULT_PROOF_COST = 50_000;

/** Without a proof of work a client may make this share of each per-client limit. */
const WITHOUT_PROOF_SHARE = 3;

export const DEFAULT_LOOKUP_LIMITS: LookupLimitSettings = {
  perClient: 30,
  perNik: 10,
  searchesPerClient: 60,
  trackingPerClient: 60,
  trackingPerReference: 10,
  // An RT/RW head proposing the neighbours of a street, a family filing three complaints: well
  // under. One address sending 9,932 complaints in two minutes (issue 21): stopped at 30.
  submissionsPerClient: 30,
  windowSeconds: 600,
  // Measured: tools/measure-proof-of-work.ts (README, "Proof of work").
  proofCost: DEFAULT_PROOF_COST,
  hardProofCost: DEFAULT_PROOF_COST * 4,
};

/** Builds one counter: `points` per `duration` seconds, keys prefixed with `keyPrefix`. */
export type LimiterFactory = (options: {
  keyPrefix: string;
  points: number;
  duration: number;
}) => RateLimiterAbstract;

const inMemory: LimiterFactory = (options) => new RateLimiterMemory(options);

/**
 * Officer sign-in attempts, per 15 minutes: one client (address, or a browser that signed in to
 * the account before) on one account is stopped after 5 failures, one address on any accounts
 * after 30 attempts that failed. Failures on one account from everywhere only slow its logins
 * down (`loginDelayMs`): blocking the account itself would let anyone lock an officer out. A
 * signed-in officer gets 5 tries of their current password (changing it), then is signed out.
 */
export const LOGIN_LIMITS = {
  perAccountAndClient: 5,
  perClient: 30,
  slowAfterPerAccount: 10,
  passwordChecksPerAccount: 5,
  windowSeconds: 900,
};
const MAX_LOGIN_DELAY_MS = 3000;

/**
 * The proof of work one request carries, as the adapter read it (a header, a JSON field, a form
 * field; anything a client sent). One object per request: the first count checks and spends it.
 */
export interface RequestProof {
  payload: unknown;
  checked?: ProofCheck;
}

/**
 * A lookup counter: its key prefix (rate-limiter-flexible's, so rows look alike) and limit. A
 * `client` counter refuses past its limit; a `target` counter (one NIK, one reference, from
 * anyone) asks for a harder proof of work instead, so strangers cannot lock its owner out.
 */
interface LookupCounter {
  keyPrefix: string;
  points: number;
  kind: 'client' | 'target';
}

export class LookupLimits {
  private readonly windowMs: number;
  private readonly lookups: {
    client: LookupCounter;
    nik: LookupCounter;
    search: LookupCounter;
    trackingClient: LookupCounter;
    trackingReference: LookupCounter;
    submission: LookupCounter;
  };

  private readonly loginPair: RateLimiterAbstract;
  private readonly loginClient: RateLimiterAbstract;
  private readonly loginAccount: RateLimiterAbstract;
  private readonly passwordCheck: RateLimiterAbstract;
  private readonly proofs: ProofOfWork;
  /** Solutions spent through this process: a replay to it is refused without a statement. */
  private readonly spentHere = new SpentProofs();
  private readonly proofCost: number;
  private readonly hardProofCost: number;

  /**
   * `counters` counts the lookups: a lookup's pair (client and NIK, client and reference) in one
   * statement. `makeLimiter` builds the login counters, which read and penalise without counting
   * a try and stay with rate-limiter-flexible. Both keep their rows in the same store (the
   * database's `counters` and `rateLimiter`).
   */
  constructor(
    settings: LookupLimitSettings = DEFAULT_LOOKUP_LIMITS,
    makeLimiter: LimiterFactory = inMemory,
    private readonly counters: CounterStore = memoryCounters(),
    proofs: ProofOfWork = new ProofOfWork({ secret: Buffer.from('unit tests only') }),
  ) {
    this.proofs = proofs;
    this.proofCost = settings.proofCost;
    this.hardProofCost = Math.max(settings.hardProofCost, settings.proofCost);
    const duration = settings.windowSeconds;
    this.windowMs = duration * 1000;
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
    this.passwordCheck = makeLimiter({
      points: LOGIN_LIMITS.passwordChecksPerAccount,
      duration: loginWindow,
      keyPrefix: 'password-check',
    });
    const client = (keyPrefix: string, points: number): LookupCounter => ({
      keyPrefix,
      points,
      kind: 'client',
    });
    this.lookups = {
      client: client('client', settings.perClient),
      nik: { keyPrefix: 'nik', points: settings.perNik, kind: 'target' },
      search: client('search', settings.searchesPerClient),
      trackingClient: client('tracking-client', settings.trackingPerClient),
      trackingReference: {
        keyPrefix: 'tracking-reference',
        points: settings.trackingPerReference,
        kind: 'target',
      },
      submission: client('submission', settings.submissionsPerClient),
    };
  }

  /** A challenge for a page or an API client to solve before its next lookup or submission. */
  challenge(): Challenge {
    return this.proofs.challenge(this.proofCost);
  }

  /**
   * Checks the proof of work, then adds a point to each counter, and spends the proof, in one
   * statement (the proof's signature is a counter that lives until the challenge expires: a
   * second use finds it at 2, in whichever process). Throws `proof_required` with a challenge
   * for a malformed, forged or expired proof, and for a target over its limit when the proof was
   * not a hard one; `rate_limited` when a client counter is over, with the longest wait among
   * those over. Without a proof (a browser without JavaScript) each client counter has a third
   * of its limit, and a target over its limit refuses: the page says to wait. A proof already
   * spent proves nothing and counts as none: a network retry of one form (the same body twice)
   * still gets its receipt, within the stricter limits, and a replay buys nothing.
   */
  private async countTogether(
    counted: [LookupCounter, string][],
    proof: RequestProof = { payload: undefined },
  ): Promise<void> {
    // A request counted twice (a proposal checks its NIK, then counts as a submission) spends
    // its proof once: the second count knows it from the first.
    const firstCount = proof.checked === undefined;
    let check = proof.checked ?? this.proofs.check(proof.payload);
    if (check.kind === 'invalid')
      throw this.proofRequired(
        check.reason === 'expired' ? 'proof.expired' : 'proof.invalid',
        this.proofCost,
      );
    proof.checked = check;
    const all = check.kind === 'missing' ? this.withoutProof(counted) : [...counted];
    const now = Date.now();
    const hits: CounterHit[] = all.map(([c, key]) => ({
      key: `${c.keyPrefix}:${key}`,
      durationMs: this.windowMs,
    }));
    let spending = check.kind === 'valid' && firstCount ? check.proof : null;
    // Spent in this process: known without asking the database (the stricter counters at once).
    if (spending && this.spentHere.has(spending.signature, now)) {
      spending = null;
      check = { kind: 'missing' };
      proof.checked = check;
      all.push(...this.withoutProof(counted).slice(counted.length));
      for (const [c, key] of all.slice(counted.length))
        hits.push({ key: `${c.keyPrefix}:${key}`, durationMs: this.windowMs });
    }
    if (spending)
      hits.push({ key: proofKey(spending), durationMs: Math.max(1000, spending.expiresMs - now) });
    const states = await this.counters.hit(hits);
    // Remembered here whether it was spent now or before, in this process or another.
    if (spending) this.spentHere.add(spending.signature, spending.expiresMs, now);
    if (spending && (states[all.length]?.points ?? 0) > 1) {
      // Spent before: counted as without a proof (the stricter counters, a second statement
      // only on this path), for this count and the request's next.
      check = { kind: 'missing' };
      proof.checked = check;
      const extra = this.withoutProof(counted).slice(counted.length);
      const extraStates = await this.counters.hit(
        extra.map(([c, key]) => ({ key: `${c.keyPrefix}:${key}`, durationMs: this.windowMs })),
      );
      all.push(...extra);
      states.splice(counted.length, states.length, ...extraStates);
    }
    const solved = check.kind === 'valid' ? check.proof : null;
    let waitMs = -1;
    let targetOver = false;
    let targetWaitMs = -1;
    for (const [i, [counter]] of all.entries()) {
      const state = states[i];
      if (!state || state.points <= counter.points) continue;
      const wait = state.expire === null ? 0 : state.expire - now;
      if (counter.kind === 'client') waitMs = Math.max(waitMs, wait);
      else if (solved) targetOver = true;
      else targetWaitMs = Math.max(targetWaitMs, wait);
    }
    if (waitMs >= 0) throw rateLimited(waitMs);
    // Without JavaScript there is no harder proof to ask for: the page says why, and what helps.
    if (targetWaitMs >= 0) throw rateLimited(targetWaitMs, 'limit.target_busy');
    if (targetOver && (solved?.cost ?? 0) < this.hardProofCost)
      throw this.proofRequired('proof.harder', this.hardProofCost);
  }

  /** The counters, and beside each client counter its stricter twin for requests without a proof. */
  private withoutProof(counted: [LookupCounter, string][]): [LookupCounter, string][] {
    const stricter: [LookupCounter, string][] = counted
      .filter(([c]) => c.kind === 'client')
      .map(([c, key]) => [
        {
          keyPrefix: `${c.keyPrefix}-noproof`,
          points: Math.ceil(c.points / WITHOUT_PROOF_SHARE),
          kind: 'client',
        },
        key,
      ]);
    return [...counted, ...stricter];
  }

  private proofRequired(message: string, cost: number): AppError {
    return new AppError('proof_required', { form: message }, message, {
      challenge: this.proofs.challenge(cost),
    });
  }

  /**
   * Counts a NIK check; throws `rate_limited` once the client is over its limit, and asks for a
   * harder proof once the NIK is (from anyone).
   */
  async countNikCheck(clientKey: string, nik: string, proof?: RequestProof): Promise<void> {
    // The NIK is hashed so that the counters hold no personal data.
    const nikKey = hash('sha256', nik, 'base64url');
    await this.countTogether(
      [
        [this.lookups.client, clientKey],
        [this.lookups.nik, nikKey],
      ],
      proof,
    );
  }

  async countSearch(clientKey: string, proof?: RequestProof): Promise<void> {
    await this.countTogether([[this.lookups.search, clientKey]], proof);
  }

  /**
   * Counts a lookup that consults household data by something other than a NIK the caller
   * typed (a sanggahan's recipient id): the client's NIK-check budget, no per-NIK counter.
   */
  async countHouseholdLookup(clientKey: string, proof?: RequestProof): Promise<void> {
    await this.countTogether([[this.lookups.client, clientKey]], proof);
  }

  /**
   * Reserves one sign-in attempt before the password is checked, or throws `rate_limited`. The
   * reservation is one atomic count per counter, so a burst of simultaneous attempts cannot all
   * pass a limit read before any of them was written (issue 21: 150 at once were all checked).
   * A browser that signed in to this account before (`deviceId`) is counted per device, and not
   * against its address: a guesser behind the same NAT does not lock it out (decision 0023).
   */
  async reserveLogin(clientKey: string, username: string, deviceId: string | null): Promise<void> {
    const keys = loginKeys(clientKey, username, deviceId);
    await consumeOrRefuse(this.loginPair, keys.pair);
    if (!deviceId) await consumeOrRefuse(this.loginClient, keys.client);
  }

  /** A reserved attempt that was never checked (the password checks were queued full). */
  async releaseLogin(clientKey: string, username: string, deviceId: string | null): Promise<void> {
    const keys = loginKeys(clientKey, username, deviceId);
    await Promise.all([
      this.loginPair.reward(keys.pair, 1),
      deviceId ? undefined : this.loginClient.reward(keys.client, 1),
    ]);
  }

  /** How long to hold a login to an account that many clients are failing on. */
  async loginDelayMs(username: string): Promise<number> {
    const state = await this.loginAccount.get(accountKey(username));
    const over = (state?.consumedPoints ?? 0) - LOGIN_LIMITS.slowAfterPerAccount;
    return over <= 0 ? 0 : Math.min(MAX_LOGIN_DELAY_MS, over * 250);
  }

  /** A failed attempt (already counted by its reservation) also slows the account down. */
  async countFailedLogin(username: string): Promise<void> {
    await this.loginAccount.penalty(accountKey(username), 1);
  }

  /**
   * A successful sign-in clears this client's failures on the account (not the account's), and
   * gives back its address's point: officers signing in are not guesses.
   */
  async clearLoginFailures(clientKey: string, username: string, deviceId: string | null): Promise<void> {
    const keys = loginKeys(clientKey, username, deviceId);
    await Promise.all([
      this.loginPair.delete(keys.pair),
      deviceId ? undefined : this.loginClient.reward(keys.client, 1),
    ]);
  }

  /**
   * Reserves a check of a signed-in officer's current password (changing it), or throws
   * `rate_limited`: a stolen session must not be a way to find the password.
   */
  async reservePasswordCheck(userId: number): Promise<void> {
    await consumeOrRefuse(this.passwordCheck, String(userId));
  }

  async clearPasswordChecks(userId: number): Promise<void> {
    await this.passwordCheck.delete(String(userId));
  }

  /**
   * Counts a resident's submission that is about to be stored (not a retry of one already stored,
   * nor one refused for its fields); throws `rate_limited` once the client is over.
   */
  async countSubmission(clientKey: string, proof?: RequestProof): Promise<void> {
    try {
      await this.countTogether([[this.lookups.submission, clientKey]], proof);
    } catch (error) {
      // Said as what it is, not as "too many checks": the form is shown again with what was typed.
      if (!(error instanceof AppError) || error.code !== 'rate_limited') throw error;
      const seconds = error.retryAfterSeconds ?? this.windowMs / 1000;
      const message = `limit.too_many_submissions?minutes=${Math.max(1, Math.ceil(seconds / 60))}`;
      throw new AppError('rate_limited', { form: message }, error.message, { retryAfterSeconds: seconds });
    }
  }

  /** Counts an attempt to prove a tracking code; throws `rate_limited` once client or reference is over. */
  async countTracking(clientKey: string, reference: string, proof?: RequestProof): Promise<void> {
    await this.countTogether(
      [
        [this.lookups.trackingClient, clientKey],
        [this.lookups.trackingReference, reference],
      ],
      proof,
    );
  }
}

/**
 * A spent solution's counter key: its expiry (13 digits of epoch ms, signed with it), then its
 * signature. Solutions spent together were mostly handed out within seconds of each other, so
 * their keys sit side by side in the counters' index: a grouped statement of twenty lookups
 * writes one or two index pages instead of twenty scattered ones (decision 0039). The key is
 * still a function of the solution alone, so every process finds the same row.
 */
export function proofKey(proof: Pick<SolvedProof, 'expiresMs' | 'signature'>): string {
  return `proof:${String(proof.expiresMs).padStart(13, '0')}:${proof.signature}`;
}

/** How many spent solutions a process remembers; older ones are still found spent in the database. */
const SPENT_REMEMBERED = 100_000;

/**
 * The signatures of solutions spent through this process until their challenge expires, oldest
 * first (challenges live equally long, so expiry follows insertion closely enough to prune from the
 * front). Only a front for the database, which stays the authority: a solution this set forgot, or
 * one spent in another process, is found by its row in the shared counters.
 */
class SpentProofs {
  private readonly expiry = new Map<string, number>();

  has(signature: string, now: number): boolean {
    const expires = this.expiry.get(signature);
    return expires !== undefined && expires > now;
  }

  add(signature: string, expiresMs: number, now: number): void {
    this.expiry.set(signature, expiresMs);
    for (const [oldest, expires] of this.expiry) {
      if (expires > now && this.expiry.size <= SPENT_REMEMBERED) break;
      this.expiry.delete(oldest);
    }
  }
}

/** Counter keys for a login: the username as typed is hashed, it may be someone's password. */
const loginKeys = (clientKey: string, username: string, deviceId: string | null) => {
  const account = accountKey(username);
  return { pair: deviceId ? `${account}:device:${deviceId}` : `${account}:${clientKey}`, client: clientKey };
};

function rateLimited(msBeforeNext: number, message?: string): AppError {
  const seconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
  const fields: Record<string, string> = message
    ? { form: `${message}?minutes=${Math.max(1, Math.ceil(seconds / 60))}` }
    : {};
  return new AppError('rate_limited', fields, `retry in ${seconds} s`, { retryAfterSeconds: seconds });
}

/** Counts one point; over the limit, `rate_limited` (the library rejects with its result, not an Error). */
async function consumeOrRefuse(limiter: RateLimiterAbstract, key: string): Promise<void> {
  try {
    await limiter.consume(key, 1);
  } catch (refusal) {
    if (refusal instanceof Error) throw refusal;
    throw rateLimited((refusal as { msBeforeNext?: number }).msBeforeNext ?? 0);
  }
}
