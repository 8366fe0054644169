// Officers' passwords: scrypt from node:crypto at OWASP's recommended cost (N=2^17, r=8, p=1),
// no native add-on to build or ship (decision 0012). Length is the rule, not character classes
// (NIST SP 800-63B).
import { costOf, type ScryptCost, scryptHash, verifyScryptHash } from '../privacy/scrypt-hash.ts';

export const PASSWORD_COST: ScryptCost = { N: 2 ** 17, r: 8, p: 1 };
export const MIN_PASSWORD_LENGTH = 10;
/** Long enough for any passphrase, short enough that hashing it costs nothing extra. */
export const MAX_PASSWORD_LENGTH = 200;

export function hashPassword(password: string): Promise<string> {
  return scryptHash(password.normalize('NFKC'), PASSWORD_COST);
}

export function verifyPassword(password: string, stored: string): Promise<boolean> {
  return verifyScryptHash(password.normalize('NFKC'), stored);
}

/** A hash made at a lower cost than today's, to be replaced at the next successful login. */
export function needsRehash(stored: string): boolean {
  const cost = costOf(stored);
  return cost === null || cost.N < PASSWORD_COST.N || cost.r < PASSWORD_COST.r;
}

/** A message key for a password that may not be used, or null. */
export function passwordProblem(password: string, username: string): string | null {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return 'account.password_too_short';
  if (length > MAX_PASSWORD_LENGTH) return 'account.password_too_long';
  if (password.trim().toLowerCase() === username.trim().toLowerCase()) return 'account.password_is_username';
  return null;
}

// Checked for an unknown username, so that it takes as long as a wrong password.
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword('no-such-officer-password');
  return dummyHash;
}
