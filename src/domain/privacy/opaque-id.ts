// Opaque ids: what a public page hands out instead of a database id or a NIK. Sealed with
// AES-256-GCM under a key per purpose, so a token cannot be forged, read, or reused elsewhere.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const IV_BYTES = 12;
const TAG_BYTES = 16;
const ID_BYTES = 8;
const TOKEN_BYTES = IV_BYTES + ID_BYTES + TAG_BYTES;
const TOKEN_PATTERN = new RegExp(`^[A-Za-z0-9_-]{${Math.ceil((TOKEN_BYTES * 4) / 3)}}$`);

function keyFor(secret: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), `opaque-id:${purpose}`, 32));
}

export function sealId(secret: Buffer, purpose: string, id: number): string {
  if (!Number.isSafeInteger(id) || id < 1) throw new RangeError('sealId takes a positive safe integer');
  const iv = randomBytes(IV_BYTES);
  const plain = Buffer.alloc(ID_BYTES);
  plain.writeBigUInt64BE(BigInt(id));
  const cipher = createCipheriv('aes-256-gcm', keyFor(secret, purpose), iv);
  const sealed = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
  return sealed.toString('base64url');
}

export function openId(secret: Buffer, purpose: string, token: string): number | null {
  if (typeof token !== 'string' || !TOKEN_PATTERN.test(token)) return null;
  const sealed = Buffer.from(token, 'base64url');
  if (sealed.length !== TOKEN_BYTES) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyFor(secret, purpose), sealed.subarray(0, IV_BYTES));
    decipher.setAuthTag(sealed.subarray(IV_BYTES + ID_BYTES));
    const plain = Buffer.concat([
      decipher.update(sealed.subarray(IV_BYTES, IV_BYTES + ID_BYTES)),
      decipher.final(),
    ]);
    const id = plain.readBigUInt64BE();
    return id >= 1n && id <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(id) : null;
  } catch {
    return null;
  }
}
