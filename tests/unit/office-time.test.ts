// Times an officer or a resident reads are on the office's clock with its zone named, never UTC:
// past 17:00 UTC it is already the next day in Jakarta, past 16:00 UTC in Makassar.
import { describe, expect, it } from 'vitest';
import { OFFICE_ZONES } from '../../src/domain/regions/office-zone.ts';
import { officeTime } from '../../src/i18n/office-time.ts';
import { translatorFor } from '../../src/i18n/page-helpers.ts';

const { WIB, WITA, WIT } = OFFICE_ZONES;

describe('office time', () => {
  it('is the Jakarta clock, the zone said, in both languages', () => {
    expect(officeTime(WIB, 'id', '2026-12-06T17:30:00.000Z')).toBe('7 Des 2026, 00.30 WIB');
    expect(officeTime(WIB, 'en', '2026-12-06T17:30:00.000Z')).toBe('7 Dec 2026, 00:30 WIB');
    expect(officeTime(WIB, 'id', '2026-12-06T03:05:09.000Z', 'medium')).toBe('6 Des 2026, 10.05.09 WIB');
    expect(officeTime(WIB, 'id', '2026-12-06T03:05:00.000Z', 'long')).toBe('6 Desember 2026 pukul 10.05 WIB');
  });

  it('is WIB when no zone is given (scripts, tests without a deployment)', () => {
    expect(officeTime(undefined, 'id', '2026-12-06T17:30:00.000Z')).toBe('7 Des 2026, 00.30 WIB');
  });

  it('is the WITA or WIT clock of an office there, with its own label', () => {
    expect(officeTime(WITA, 'id', '2026-12-06T03:05:00.000Z')).toBe('6 Des 2026, 11.05 WITA');
    expect(officeTime(WITA, 'en', '2026-12-06T16:30:00.000Z')).toBe('7 Dec 2026, 00:30 WITA');
    expect(officeTime(WIT, 'id', '2026-12-06T03:05:00.000Z')).toBe('6 Des 2026, 12.05 WIT');
    // The same instant is still 6 December in Jakarta.
    expect(officeTime(WIB, 'en', '2026-12-06T16:30:00.000Z')).toBe('6 Dec 2026, 23:30 WIB');
  });

  it('shows what it was given when it is not a time, rather than "Invalid Date"', () => {
    expect(officeTime(WITA, 'id', 'bukan waktu')).toBe('bukan waktu');
  });

  it("names an instant's date on the office's calendar, a plain date as it is", () => {
    const t = translatorFor('id');
    expect(t.date('2026-12-06T16:30:00.000Z', WITA)).toBe('7 Desember 2026');
    expect(t.date('2026-12-06T16:30:00.000Z', WIB)).toBe('6 Desember 2026');
    expect(t.date('2026-12-06T17:30:00.000Z')).toBe('7 Desember 2026');
    expect(t.date('2026-12-06', WIT)).toBe('6 Desember 2026');
  });

  it('names a day the same each time, in each language, however many days were named between', () => {
    const id = translatorFor('id');
    const en = translatorFor('en');
    expect(id.date('2026-02-01')).toBe('1 Februari 2026');
    expect(en.date('2026-02-01')).toBe('1 February 2026');
    // More days than the formatted days kept: the kept ones are forgotten, never mixed up.
    const start = Date.UTC(2020, 0, 1);
    for (let i = 0; i < 2500; i++) id.date(new Date(start + i * 86_400_000).toISOString().slice(0, 10));
    expect(id.date('2026-02-01')).toBe('1 Februari 2026');
    expect(en.date('2026-02-01')).toBe('1 February 2026');
    expect(id.date('2026-02-01T16:59:59.000Z')).toBe('1 Februari 2026');
    expect(id.date('2026-02-01T17:00:00.000Z')).toBe('2 Februari 2026');
  });
});
