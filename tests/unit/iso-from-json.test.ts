// PostgreSQL's JSON timestamps read as the ISO text SQLite stores (engine.ts, for the inbox's
// rows): the rewrite of a UTC text must say exactly what parsing it into a Date says.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoFromJson } from '../../src/db/engine.ts';
import { anyInstant } from '../support/instants.ts';

/** How PostgreSQL writes a timestamptz into JSON: fractions without trailing zeros, then the offset. */
const asPostgresWrites = (at: Date, micros: number, offsetMinutes: number) => {
  const shifted = new Date(at.getTime() + offsetMinutes * 60_000);
  const fraction =
    `${String(shifted.getUTCMilliseconds()).padStart(3, '0')}${String(micros).padStart(3, '0')}`.replace(
      /0+$/,
      '',
    );
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const offset = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${shifted.toISOString().slice(0, 19)}${fraction ? `.${fraction}` : ''}${offset}`;
};

describe('isoFromJson', () => {
  it('says what a Date says, for UTC and for other offsets', () => {
    fc.assert(
      fc.property(
        anyInstant(),
        fc.integer({ min: 0, max: 999 }),
        fc.constantFrom(0, 0, 0, 420, 480, 540, -210, 330),
        (at, micros, offset) => {
          const text = asPostgresWrites(at, micros, offset);
          expect(isoFromJson(text)).toBe(new Date(text).toISOString());
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('keeps null, and reads the forms PostgreSQL writes', () => {
    expect(isoFromJson(null)).toBeNull();
    expect(isoFromJson('2026-11-05T10:00:00+00:00')).toBe('2026-11-05T10:00:00.000Z');
    expect(isoFromJson('2026-11-05T10:00:00.5+00:00')).toBe('2026-11-05T10:00:00.500Z');
    expect(isoFromJson('2026-11-05T23:59:59.999999+00:00')).toBe('2026-11-05T23:59:59.999Z');
    expect(isoFromJson('2026-11-05T10:00:00+07:00')).toBe('2026-11-05T03:00:00.000Z');
  });
});
