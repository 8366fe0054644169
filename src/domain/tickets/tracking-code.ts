// The secret tracking code a resident gets once with the receipt. It is derived from the server
// secret and the submission's idempotency key, so a retried submission shows the same code
// without the code ever being stored; only a keyed hash of it is kept (`hmac$…`, decision 0004;
// rows written before it hold `scrypt$…`, which still verify).
import { createHmac, createSecretKey, hkdfSync, type KeyObject, timingSafeEqual } from 'node:crypto';
import { scryptHash, verifyScryptHash } from '../privacy/scrypt-hash.ts';
import { alphabetChars, REFERENCE_ALPHABET } from './reference.ts';

const CODE_LENGTH = 10;
const LEGACY_SCRYPT = { N: 16384, r: 8, p: 1 } as const;
const KEY_BYTES = 32;

// Both keys are made once per server secret: importing a key (and the HKDF) on every
// submission and every tracking attempt cost more than the HMACs themselves.
const codeKeys = new WeakMap<Buffer, KeyObject>();
const hashKeys = new WeakMap<Buffer, KeyObject>();

function once(keys: WeakMap<Buffer, KeyObject>, secret: Buffer, make: () => Buffer): KeyObject {
  let key = keys.get(secret);
  if (!key) {
    key = createSecretKey(make());
    keys.set(secret, key);
  }
  return key;
}

export function deriveTrackingCode(secret: Buffer, idempotencyKey: string): string {
  const message = `tracking-code:${idempotencyKey}`;
  const key = once(codeKeys, secret, () => secret);
  const block = (index: number) =>
    createHmac('sha256', key)
      .update(index === 0 ? message : `${message}:${index}`)
      .digest();
  const chars = alphabetChars(block, CODE_LENGTH);
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

const CODE_PATTERN = new RegExp(`^[${REFERENCE_ALPHABET}]{${CODE_LENGTH}}$`);

/** `abcde fghij` or `ABCDEFGHIJ` → `ABCDE-FGHIJ`; null unless ten alphabet characters. */
export function normaliseTrackingCode(raw: string): string | null {
  const compact = raw.toUpperCase().replace(/[\s-]/g, '');
  return CODE_PATTERN.test(compact) ? `${compact.slice(0, 5)}-${compact.slice(5)}` : null;
}

const canonical = (code: string) => normaliseTrackingCode(code) ?? code;

/** The key of the stored hashes: derived from the server secret, used for nothing else. */
function hashKey(secret: Buffer): KeyObject {
  return once(hashKeys, secret, () =>
    Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'tracking-code-hash', KEY_BYTES)),
  );
}

function hmacOf(secret: Buffer, code: string): Buffer {
  return createHmac('sha256', hashKey(secret)).update(canonical(code)).digest();
}

/**
 * What `ticket_submissions.tracking_code_hash` holds: HMAC-SHA256 of the code under a key derived
 * from the server secret. The code is a ~50-bit random secret, not a password: without the
 * server secret nobody can test guesses offline, and online guesses are rate-limited.
 */
export function hashTrackingCode(secret: Buffer, code: string): string {
  return `hmac$${hmacOf(secret, code).toString('base64')}`;
}

/** The format rows had before decision 0004; kept so tests can write such rows. */
export async function legacyScryptHash(code: string): Promise<string> {
  return scryptHash(canonical(code), LEGACY_SCRYPT);
}

const HMAC_STORED = /^hmac\$([A-Za-z0-9+/]{43}=)$/;

/** Checks a code against a stored `hmac$…` or (older rows) `scrypt$…`; false for anything else. */
export async function verifyTrackingCode(secret: Buffer, code: string, stored: string): Promise<boolean> {
  const hmac = HMAC_STORED.exec(stored);
  if (hmac) return timingSafeEqual(hmacOf(secret, code), Buffer.from(hmac[1] as string, 'base64'));
  return verifyScryptHash(canonical(code), stored);
}

// The shape of a real hash, so checking it costs what checking a real (new) one costs.
const DUMMY_HASH = `hmac$${Buffer.alloc(KEY_BYTES, 7).toString('base64')}`;

/** For an unknown reference: spends the time of a real check, so it cannot be told from a wrong code. */
export async function verifyAgainstNothing(secret: Buffer, code: string): Promise<false> {
  await verifyTrackingCode(secret, code, DUMMY_HASH);
  return false;
}
