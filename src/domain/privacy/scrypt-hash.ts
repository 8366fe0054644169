// Salted scrypt hashes in one self-describing string, `scrypt$N$r$p$salt$key`, so the cost can
// rise later while older hashes still verify. Officers' passwords use it; tracking codes did.
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

const SALT_BYTES = 16;
const KEY_BYTES = 32;

function scryptKey(secret: string, salt: Buffer, cost: ScryptCost, keylen: number) {
  return new Promise<Buffer>((resolve, reject) => {
    const maxmem = 256 * cost.N * cost.r + 1024 * 1024;
    scrypt(secret, salt, keylen, { ...cost, maxmem }, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export async function scryptHash(secret: string, cost: ScryptCost): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await scryptKey(secret, salt, cost, KEY_BYTES);
  return `scrypt$${cost.N}$${cost.r}$${cost.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function parseStored(stored: string) {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = parts.slice(1, 4).map((n) => (/^\d{1,7}$/.test(n ?? '') ? Number(n) : Number.NaN));
  const [salt, hash] = parts.slice(4);
  if (N === undefined || r === undefined || p === undefined || salt === undefined || hash === undefined)
    return null;
  // Bounds keep a corrupt row from asking scrypt for gigabytes.
  const sane = N >= 2 && N <= 2 ** 20 && (N & (N - 1)) === 0 && r >= 1 && r <= 32 && p >= 1 && p <= 16;
  if (!sane || !BASE64.test(salt) || !BASE64.test(hash)) return null;
  const key = Buffer.from(hash, 'base64');
  if (key.length < 16 || key.length > 64) return null;
  return { cost: { N, r, p }, salt: Buffer.from(salt, 'base64'), key };
}

/** False for a wrong secret and for anything that is not a sane `scrypt$…` string. */
export async function verifyScryptHash(secret: string, stored: string): Promise<boolean> {
  const parsed = parseStored(stored);
  if (!parsed) return false;
  try {
    const key = await scryptKey(secret, parsed.salt, parsed.cost, parsed.key.length);
    return timingSafeEqual(key, parsed.key);
  } catch {
    return false;
  }
}

/** The cost a stored hash was made with, to rehash older ones at the next login. */
export function costOf(stored: string): ScryptCost | null {
  return parseStored(stored)?.cost ?? null;
}
