// Proof of work on public lookups and submissions (issue 22): the server hands out a signed
// challenge, the resident's browser finds the number that solves it (public/js/pow-worker.js),
// and the lookup carries the solution. Guessing NIKs or tracking codes then costs a caller CPU
// time per guess, while a resident waits about a second once.
//
// The format is ALTCHA's (v1): challenge = SHA-256(salt + number) in hex, signature = HMAC-SHA-256
// of the challenge under a key derived from the server secret, the salt carrying its expiry and
// cost as `?expires=…&cost=…`, so the signature covers both. Written here with node:crypto rather
// than with altcha-lib: it is forty lines, needs no new dependency in the shared tree, and the
// browser side is our own anyway (the public widgets weigh more than the whole /cek page).
//
// Checking a solution needs no database: two hashes. Remembering which solutions were spent is the
// caller's (LookupLimits counts the signature with the lookup's counters, in the same statement).
import { createHmac, hash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

export const POW_ALGORITHM = 'SHA-256';

/** What the browser (or an API client) is given to solve. */
export interface Challenge {
  algorithm: typeof POW_ALGORITHM;
  challenge: string;
  /** The largest number the solution can be: the cost. */
  maxnumber: number;
  salt: string;
  signature: string;
}

/** What a valid solution proves: its challenge's signature (to spend once), expiry and cost. */
export interface SolvedProof {
  signature: string;
  /** Epoch ms. */
  expiresMs: number;
  cost: number;
}

export type ProofCheck =
  | { kind: 'missing' }
  | { kind: 'valid'; proof: SolvedProof }
  | { kind: 'invalid'; reason: 'malformed' | 'forged' | 'expired' | 'wrong_number' };

/** A solution as sent: base64 of the JSON object, as ALTCHA's widget sends it; at most this long. */
const MAX_PAYLOAD_CHARS = 1024;
const MAX_COST = 100_000_000;

export interface ProofOfWorkOptions {
  secret: Buffer;
  /** How long a challenge may be solved and sent: a resident types while the browser solves. */
  validSeconds?: number;
  now?: () => number;
}

export class ProofOfWork {
  private readonly key: Buffer;
  private readonly validMs: number;
  private readonly now: () => number;

  constructor(options: ProofOfWorkOptions) {
    // Its own key, so a proof's signature can never stand for a tracking code or a form proof.
    this.key = createHmac('sha256', options.secret).update('proof-of-work').digest();
    this.validMs = (options.validSeconds ?? 20 * 60) * 1000;
    this.now = options.now ?? Date.now;
  }

  /** A fresh challenge whose number lies in [0, cost]: a solver tries cost / 2 numbers on average. */
  challenge(cost: number): Challenge {
    const maxnumber = Math.max(1, Math.min(MAX_COST, Math.floor(cost)));
    const expires = Math.floor((this.now() + this.validMs) / 1000);
    const salt = `${randomBytes(12).toString('hex')}?expires=${expires}&cost=${maxnumber}`;
    const number = randomInt(0, maxnumber + 1);
    const challenge = sha256Hex(salt + number);
    return { algorithm: POW_ALGORITHM, challenge, maxnumber, salt, signature: this.sign(challenge) };
  }

  /** Checks a solution as sent (anything a client may send), without storing anything. */
  check(payload: unknown): ProofCheck {
    if (payload === undefined || payload === null || payload === '') return { kind: 'missing' };
    const solution = parsePayload(payload);
    if (!solution) return { kind: 'invalid', reason: 'malformed' };
    const { challenge, number, salt, signature } = solution;
    // Compared as the 32 bytes of the digest (the signature is 64 hex digits, parsePayload saw to it).
    const expected = createHmac('sha256', this.key).update(challenge).digest();
    if (!timingSafeEqual(Buffer.from(signature, 'hex'), expected))
      return { kind: 'invalid', reason: 'forged' };
    // The salt is covered by the signature only through the challenge: check the number next.
    if (sha256Hex(salt + number) !== challenge) return { kind: 'invalid', reason: 'wrong_number' };
    const params = saltParams(salt);
    if (!params || number > params.cost) return { kind: 'invalid', reason: 'malformed' };
    if (params.expiresMs <= this.now()) return { kind: 'invalid', reason: 'expired' };
    return { kind: 'valid', proof: { signature, expiresMs: params.expiresMs, cost: params.cost } };
  }

  private sign(challenge: string): string {
    return createHmac('sha256', this.key).update(challenge).digest('hex');
  }
}

/** The solution's fields, or null for anything that is not one (wrong types, too long, not JSON). */
function parsePayload(
  payload: unknown,
): { challenge: string; number: number; salt: string; signature: string } | null {
  if (typeof payload !== 'string' || payload.length > MAX_PAYLOAD_CHARS) return null;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(payload, 'base64').toString('utf8'));
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const { algorithm, challenge, number, salt, signature } = value as Record<string, unknown>;
  if (algorithm !== POW_ALGORITHM) return null;
  if (typeof challenge !== 'string' || !/^[0-9a-f]{64}$/.test(challenge)) return null;
  if (typeof signature !== 'string' || !/^[0-9a-f]{64}$/.test(signature)) return null;
  if (typeof salt !== 'string' || salt.length > 200) return null;
  if (typeof number !== 'number' || !Number.isSafeInteger(number) || number < 0) return null;
  return { challenge, number, salt, signature };
}

function saltParams(salt: string): { expiresMs: number; cost: number } | null {
  const match = /^[0-9a-f]{24}\?expires=(\d{1,12})&cost=(\d{1,9})$/.exec(salt);
  if (!match) return null;
  return { expiresMs: Number(match[1]) * 1000, cost: Number(match[2]) };
}

/** One-shot: no Hash object per call (checked on every lookup). */
function sha256Hex(text: string): string {
  return hash('sha256', text, 'hex');
}

/** Solves a challenge the way the browser does, for tests, the bench and scripted API clients. */
export function solveChallenge(c: Challenge): string {
  for (let number = 0; number <= c.maxnumber; number++) {
    if (sha256Hex(c.salt + number) === c.challenge) {
      const solution = {
        algorithm: c.algorithm,
        challenge: c.challenge,
        number,
        salt: c.salt,
        signature: c.signature,
      };
      return Buffer.from(JSON.stringify(solution)).toString('base64');
    }
  }
  throw new Error('challenge has no solution');
}
