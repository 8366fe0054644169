import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  deriveTrackingCode,
  hashTrackingCode,
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
  it('stores scrypt with its parameters and a fresh salt', async () => {
    const a = await hashTrackingCode('ABCDE-FGHJK');
    const b = await hashTrackingCode('ABCDE-FGHJK');
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('ABCDE');
  });

  it('accepts the right code, however it is typed, and refuses a wrong one', async () => {
    const stored = await hashTrackingCode('ABCDE-FGHJK');
    expect(await verifyTrackingCode('ABCDE-FGHJK', stored)).toBe(true);
    expect(await verifyTrackingCode('abcde fghjk', stored)).toBe(true);
    expect(await verifyTrackingCode('ABCDE-FGHJM', stored)).toBe(false);
    expect(await verifyTrackingCode('', stored)).toBe(false);
  });

  it('round-trips and refuses other codes (property)', async () => {
    await fc.assert(
      fc.asyncProperty(key, key, async (a, b) => {
        fc.pre(a !== b);
        const codeA = deriveTrackingCode(secret, a);
        const codeB = deriveTrackingCode(secret, b);
        const stored = await hashTrackingCode(codeA);
        expect(await verifyTrackingCode(codeA, stored)).toBe(true);
        expect(await verifyTrackingCode(codeB, stored)).toBe(false);
      }),
      { numRuns: 10 },
    );
  });

  it('answers false, never throws, for a malformed stored value', async () => {
    const good = await hashTrackingCode('ABCDE-FGHJK');
    const [, , , , salt, hash] = good.split('$');
    for (const stored of [
      '',
      'plain',
      'bcrypt$16384$8$1$x$y',
      'scrypt$16384$8$1$',
      `scrypt$16384$8$${salt}$${hash}`,
      `scrypt$16383$8$1$${salt}$${hash}`,
      `scrypt$1073741824$8$1$${salt}$${hash}`,
      `scrypt$16384$8$1$${salt}$@@@`,
      `scrypt$16384$8$1$${salt}$AAAA`,
      `scrypt$16384$8$1$${salt}$${hash}$extra`,
    ]) {
      expect(await verifyTrackingCode('ABCDE-FGHJK', stored), stored).toBe(false);
    }
  });

  it('costs about the same for an unknown reference as for a wrong code', async () => {
    const stored = await hashTrackingCode('ABCDE-FGHJK');
    const time = async (f: () => Promise<boolean>) => {
      const start = performance.now();
      for (let i = 0; i < 5; i++) expect(await f()).toBe(false);
      return performance.now() - start;
    };
    const wrong = await time(() => verifyTrackingCode('ABCDE-FGHJM', stored));
    const nothing = await time(() => verifyAgainstNothing('ABCDE-FGHJM'));
    expect(nothing).toBeGreaterThan(wrong / 3);
    expect(nothing).toBeLessThan(wrong * 3);
  });
});
