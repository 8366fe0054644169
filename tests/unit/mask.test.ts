import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskName, maskNumber } from '../../src/domain/privacy/mask.ts';

describe('maskName', () => {
  it.each([
    ['SITI WAHYUNINGSIH', 'S**I W**********H'],
    ['BUDI', 'B**I'],
    ['  AHMAD   SUPRIYADI ', 'A***D S*******I'],
    ['M ALI', 'M A*I'],
    ['NY SUMI', 'N* S**I'],
    ['EKO', 'E*O'],
    ['Ö', 'Ö'],
  ])('%j → %j', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });

  it('keeps the length of each word and never shows an inner letter of a word of 3+ letters', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[A-Z]{3,12}$/), { minLength: 1, maxLength: 4 }), (words) => {
        const masked = maskName(words.join(' ')).split(' ');
        masked.forEach((m, i) => {
          const w = words[i] as string;
          expect(m.length).toBe(w.length);
          expect(m.slice(1, -1)).toBe('*'.repeat(w.length - 2));
        });
      }),
    );
  });
});

describe('maskNumber', () => {
  it('shows only the last four digits', () => {
    expect(maskNumber('3576014101900001')).toBe('************0001');
  });
});
