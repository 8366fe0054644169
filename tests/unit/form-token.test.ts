// The back office's form token: derived from the server secret and the session, kept once made
// (sessions.ts), so it must stay a function of exactly those two.
import { describe, expect, it } from 'vitest';
import { formTokenOf, isFormTokenValid } from '../../src/domain/backoffice/sessions.ts';

const secret = Buffer.alloc(32, 1);
const otherSecret = Buffer.alloc(32, 2);

describe('form token', () => {
  it('is the same for a session every time, and differs by session and by secret', () => {
    const token = formTokenOf(secret, 7);
    expect(formTokenOf(secret, 7)).toBe(token);
    expect(formTokenOf(secret, 8)).not.toBe(token);
    expect(formTokenOf(otherSecret, 7)).not.toBe(token);
    expect(formTokenOf(Buffer.alloc(32, 1), 7)).toBe(token);
    expect(token).toMatch(/^[\w-]{43}$/);
  });

  it('proves only its own session’s form', () => {
    expect(isFormTokenValid(secret, 7, formTokenOf(secret, 7))).toBe(true);
    expect(isFormTokenValid(secret, 7, formTokenOf(secret, 8))).toBe(false);
    expect(isFormTokenValid(otherSecret, 7, formTokenOf(secret, 7))).toBe(false);
    for (const forged of [undefined, null, '', 7, ['x'], { toString: () => 'x' }, 'x'.repeat(101)])
      expect(isFormTokenValid(secret, 7, forged)).toBe(false);
  });

  it('holds for more sessions than it keeps at once', () => {
    const first = formTokenOf(secret, 1);
    for (let id = 2; id < 2_500; id++) formTokenOf(secret, id);
    expect(formTokenOf(secret, 1)).toBe(first);
  });
});
