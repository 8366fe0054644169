import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openId, sealId } from '../../src/domain/privacy/opaque-id.ts';

const secret = Buffer.alloc(32, 3);
const id = fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER });

describe('sealId and openId', () => {
  it('opens what it sealed', () => {
    // Whether the token "says nothing of the id" is the next test's: a random token contains "42"
    // about once in a hundred, so a substring check here would only be flaky.
    const token = sealId(secret, 'recipient', 42);
    expect(token).toMatch(/^[A-Za-z0-9_-]{48}$/);
    expect(openId(secret, 'recipient', token)).toBe(42);
  });

  it('gives a different token each time for the same id', () => {
    expect(sealId(secret, 'recipient', 7)).not.toBe(sealId(secret, 'recipient', 7));
  });

  it('round-trips any positive safe integer (property)', () => {
    fc.assert(
      fc.property(id, (n) => {
        expect(openId(secret, 'recipient', sealId(secret, 'recipient', n))).toBe(n);
      }),
    );
  });

  it('refuses a token of another purpose or another secret (property)', () => {
    fc.assert(
      fc.property(id, (n) => {
        const token = sealId(secret, 'recipient', n);
        expect(openId(secret, 'household', token)).toBeNull();
        expect(openId(Buffer.alloc(32, 4), 'recipient', token)).toBeNull();
      }),
    );
  });

  it('refuses any tampered byte (property)', () => {
    fc.assert(
      fc.property(id, fc.nat(35), fc.integer({ min: 1, max: 255 }), (n, at, flip) => {
        const bytes = Buffer.from(sealId(secret, 'recipient', n), 'base64url');
        bytes[at] = (bytes[at] ?? 0) ^ flip;
        expect(openId(secret, 'recipient', bytes.toString('base64url'))).toBeNull();
      }),
    );
  });

  it('refuses truncated, extended and made-up tokens without throwing', () => {
    const token = sealId(secret, 'recipient', 5);
    for (const forged of [
      '',
      token.slice(0, -1),
      token.slice(0, 40),
      `${token}A`,
      `${token.slice(0, -1)}=`,
      '42',
      'A'.repeat(48),
      `${token.slice(0, 47)}!`,
    ]) {
      expect(openId(secret, 'recipient', forged), forged).toBeNull();
    }
    expect(openId(secret, 'recipient', undefined as unknown as string)).toBeNull();
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(openId(secret, 'recipient', s)).toBeNull();
      }),
    );
  });

  it('refuses to seal what is not a positive safe integer', () => {
    for (const bad of [0, -1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 1]) {
      expect(() => sealId(secret, 'recipient', bad)).toThrow(RangeError);
    }
  });
});
