import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  alphabetChars,
  kindOfReference,
  newReference,
  normaliseReference,
  REFERENCE_ALPHABET,
} from '../../src/domain/tickets/reference.ts';

const REFERENCE = /^(USL|SGH|ADU)-[23456789ABCDEFGHJKMNPQRSTVWXYZ]{8}$/;
const kinds = ['usulan', 'sanggahan', 'aduan'] as const;

describe('newReference', () => {
  it('starts with the prefix of its kind', () => {
    expect(newReference('usulan')).toMatch(/^USL-/);
    expect(newReference('sanggahan')).toMatch(/^SGH-/);
    expect(newReference('aduan')).toMatch(/^ADU-/);
  });

  it('leaves out the characters people confuse', () => {
    expect(REFERENCE_ALPHABET).toHaveLength(30);
    expect(REFERENCE_ALPHABET).not.toMatch(/[01ILOU]/);
  });

  it('does not repeat over many draws', () => {
    const seen = new Set(Array.from({ length: 20_000 }, () => newReference('aduan')));
    expect(seen.size).toBe(20_000);
  });

  it('skips the bytes that would bias the draw', () => {
    // 240..255 are rejected; 0 → '2', 29 → 'Z', 30 → '2' again.
    const bytes = Uint8Array.from([255, 240, 0, 29, 30, 250, 1, 2, 3, 4, 5, 6]);
    expect(newReference('aduan', () => bytes)).toBe('ADU-2Z234567');
  });

  it('is uniform over the alphabet', () => {
    const counts = new Map<string, number>();
    const text = alphabetChars(() => Uint8Array.from({ length: 256 }, (_, i) => i), 240 * 100);
    for (const c of text) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect(counts.size).toBe(30);
    expect(new Set(counts.values())).toEqual(new Set([800]));
  });

  it('uses only the alphabet whatever the random bytes (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...kinds),
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        (kind, bytes) => {
          const fallback = Uint8Array.from({ length: 16 }, (_, i) => i);
          let calls = 0;
          const ref = newReference(kind, () => (calls++ === 0 ? bytes : fallback));
          expect(ref).toMatch(REFERENCE);
          expect(kindOfReference(ref)).toBe(kind);
        },
      ),
    );
  });
});

describe('normaliseReference', () => {
  it('accepts what people type', () => {
    expect(normaliseReference('adu 7kq4 m9xp')).toBe('ADU-7KQ4M9XP');
    expect(normaliseReference('  ADU7KQ4M9XP ')).toBe('ADU-7KQ4M9XP');
    expect(normaliseReference('adu - 7kq4m9xp')).toBe('ADU-7KQ4M9XP');
    expect(normaliseReference('USL-7KQ4M9XP')).toBe('USL-7KQ4M9XP');
  });

  it('refuses what cannot be a reference', () => {
    for (const raw of [
      '',
      'ADU',
      'ADU-7KQ4M9X',
      'ADU-7KQ4M9XPP',
      'XYZ-7KQ4M9XP',
      'ADU-7KQ4M9X0',
      'ADU-7KQ4M9XO',
      'ADU-7KQ4M9X1',
      'ADU-7KQ4M9XI',
      'ADU-7KQ4M9XL',
      'ADU-7KQ4M9XU',
      'ADU-7KQ4M9X<',
      '<script>',
    ]) {
      expect(normaliseReference(raw), raw).toBeNull();
    }
  });

  it('round-trips every reference, spaced or lower-cased (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...kinds), fc.boolean(), fc.boolean(), (kind, lower, spaced) => {
        const ref = newReference(kind);
        let typed = lower ? ref.toLowerCase() : ref;
        if (spaced) typed = typed.replace('-', ' ').replace(/(.{4})$/, ' $1');
        expect(normaliseReference(typed)).toBe(ref);
        expect(normaliseReference(ref)).toBe(ref);
      }),
    );
  });

  it('never throws and gives either null or a canonical reference (property)', () => {
    fc.assert(
      fc.property(fc.string(), (raw) => {
        const r = normaliseReference(raw);
        expect(r === null || REFERENCE.test(r)).toBe(true);
      }),
    );
  });
});

describe('kindOfReference', () => {
  it('reads the kind from the prefix', () => {
    expect(kindOfReference('USL-7KQ4M9XP')).toBe('usulan');
    expect(kindOfReference('sgh 7kq4m9xp')).toBe('sanggahan');
    expect(kindOfReference('ADU-7KQ4M9XP')).toBe('aduan');
    expect(kindOfReference('ABC-7KQ4M9XP')).toBeNull();
  });
});
