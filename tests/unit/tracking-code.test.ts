import { createHmac, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  deriveTrackingCode,
  hashTrackingCode,
  legacyScryptHash,
  normaliseTrackingCode,
  verifyAgainstNothing,
  verifyTrackingCode,
} from '../../src/domain/tickets/tracking-code.ts';

const CODE = /^[23456789ABCDEFGHJKMNPQRSTVWXYZ]{5}-[23456789ABCDEFGHJKMNPQRSTVWXYZ]{5}$/;
const secret = Buffer.alloc(32, 1);
const key = fc.string({ minLength: 1, maxLength: 100 });

describe('deriveTrackingCode', () => {
  it('is ten alphabet characters shown as XXXXX-XXXXX', () => {
    expect(deriveTrackingCode(secret, 'form-token-1')).toMatch(CODE);
  });

  it('is the same for the same key, so a retry shows the same code (property)', () => {
    fc.assert(
      fc.property(key, (k) => {
        const code = deriveTrackingCode(secret, k);
        expect(code).toMatch(CODE);
        expect(deriveTrackingCode(Buffer.from(secret), k)).toBe(code);
      }),
    );
  });

  it('differs across keys and across secrets (property)', () => {
    fc.assert(
      fc.property(key, key, (a, b) => {
        fc.pre(a !== b);
        expect(deriveTrackingCode(secret, a)).not.toBe(deriveTrackingCode(secret, b));
        expect(deriveTrackingCode(secret, a)).not.toBe(deriveTrackingCode(Buffer.alloc(32, 2), a));
      }),
    );
  });

  it('does not repeat over many keys', () => {
    const s = randomBytes(32);
    const codes = new Set(Array.from({ length: 10_000 }, (_, i) => deriveTrackingCode(s, `key-${i}`)));
    expect(codes.size).toBe(10_000);
  });
});

describe('normaliseTrackingCode', () => {
  it('accepts lower case, spaces and a missing dash', () => {
    expect(normaliseTrackingCode('abcde fghjk')).toBe('ABCDE-FGHJK');
    expect(normaliseTrackingCode(' ABCDEFGHJK ')).toBe('ABCDE-FGHJK');
    expect(normaliseTrackingCode('ab-cde-fg hjk')).toBe('ABCDE-FGHJK');
  });

  it('refuses anything else', () => {
    for (const raw of ['', 'ABCDE-FGHJ', 'ABCDE-FGHJKM', 'ABCDE-FGHJ0', 'ABCDE-FGHJI', 'ABCDE-FGHJ!']) {
      expect(normaliseTrackingCode(raw), raw).toBeNull();
    }
  });

  it('round-trips derived codes (property)', () => {
    fc.assert(
      fc.property(key, (k) => {
        const code = deriveTrackingCode(secret, k);
        expect(normaliseTrackingCode(code)).toBe(code);
        expect(normaliseTrackingCode(code.toLowerCase().replace('-', ' '))).toBe(code);
      }),
    );
  });
});

describe('hashTrackingCode and verifyTrackingCode', () => {
  it('stores a keyed HMAC: the same code and secret give the same hash, another secret another', () => {
    const a = hashTrackingCode(secret, 'ABCDE-FGHJK');
    expect(a).toMatch(/^hmac\$[A-Za-z0-9+/]{43}=$/);
    expect(hashTrackingCode(secret, 'abcde fghjk')).toBe(a);
    expect(hashTrackingCode(Buffer.alloc(32, 2), 'ABCDE-FGHJK')).not.toBe(a);
    expect(a).not.toContain('ABCDE');
  });

  it('is not the plain HMAC of the code with the server secret: the key is derived for this use', () => {
    const plain = createHmac('sha256', secret).update('ABCDE-FGHJK').digest('base64');
    expect(hashTrackingCode(secret, 'ABCDE-FGHJK')).not.toBe(`hmac$${plain}`);
  });

  it('accepts the right code, however it is typed, and refuses a wrong one or another secret', async () => {
    const stored = hashTrackingCode(secret, 'ABCDE-FGHJK');
    expect(await verifyTrackingCode(secret, 'ABCDE-FGHJK', stored)).toBe(true);
    expect(await verifyTrackingCode(secret, 'abcde fghjk', stored)).toBe(true);
    expect(await verifyTrackingCode(secret, 'ABCDE-FGHJM', stored)).toBe(false);
    expect(await verifyTrackingCode(secret, '', stored)).toBe(false);
    expect(await verifyTrackingCode(Buffer.alloc(32, 2), 'ABCDE-FGHJK', stored)).toBe(false);
  });

  it('still verifies scrypt hashes of rows written before decision 0004', async () => {
    const old = await legacyScryptHash('ABCDE-FGHJK');
    expect(old).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
    expect(await verifyTrackingCode(secret, 'abcde-fghjk', old)).toBe(true);
    expect(await verifyTrackingCode(secret, 'ABCDE-FGHJM', old)).toBe(false);
  });

  it('round-trips and refuses other codes (property)', async () => {
    await fc.assert(
      fc.asyncProperty(key, key, async (a, b) => {
        fc.pre(a !== b);
        const codeA = deriveTrackingCode(secret, a);
        const codeB = deriveTrackingCode(secret, b);
        const stored = hashTrackingCode(secret, codeA);
        expect(await verifyTrackingCode(secret, codeA, stored)).toBe(true);
        expect(await verifyTrackingCode(secret, codeB, stored)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('answers false, never throws, for a malformed stored value', async () => {
    const good = await legacyScryptHash('ABCDE-FGHJK');
    const [, , , , salt, hash] = good.split('$');
    const mac = hashTrackingCode(secret, 'ABCDE-FGHJK').slice('hmac$'.length);
    for (const stored of [
      '',
      'plain',
      'hmac$',
      `hmac$${mac}$extra`,
      `hmac$${mac.slice(0, 20)}`,
      `HMAC$${mac}`,
      'bcrypt$16384$8$1$x$y',
      'scrypt$16384$8$1$',
      `scrypt$16384$8$${salt}$${hash}`,
      `scrypt$16383$8$1$${salt}$${hash}`,
      `scrypt$1073741824$8$1$${salt}$${hash}`,
      `scrypt$16384$8$1$${salt}$@@@`,
      `scrypt$16384$8$1$${salt}$AAAA`,
      `scrypt$16384$8$1$${salt}$${hash}$extra`,
    ]) {
      expect(await verifyTrackingCode(secret, 'ABCDE-FGHJK', stored), stored).toBe(false);
    }
  });

  it('answers an unknown reference through the same keyed comparison as a wrong code', async () => {
    // Equal time comes from doing the same work (one HMAC and a constant-time compare against a
    // hash of the same shape); timing itself belongs to `npm run bench`, not to a unit test.
    const stored = hashTrackingCode(secret, 'ABCDE-FGHJK');
    expect(stored).toMatch(/^hmac\$/);
    expect(await verifyTrackingCode(secret, 'ABCDE-FGHJM', stored)).toBe(false);
    expect(await verifyAgainstNothing(secret, 'ABCDE-FGHJK')).toBe(false);
    expect(await verifyAgainstNothing(secret, 'not a code')).toBe(false);
  });
});
