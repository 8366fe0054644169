// Times an officer or a resident reads are on the office's clock with its zone named, never UTC:
// past 17:00 UTC it is already the next day in Jakarta.
import { describe, expect, it } from 'vitest';
import { officeTime } from '../../src/i18n/office-time.ts';

describe('office time', () => {
  it('is the Jakarta clock, the zone said, in both languages', () => {
    expect(officeTime('id', '2026-12-06T17:30:00.000Z')).toBe('7 Des 2026, 00.30 WIB');
    expect(officeTime('en', '2026-12-06T17:30:00.000Z')).toBe('7 Dec 2026, 00:30 WIB');
    expect(officeTime('id', '2026-12-06T03:05:09.000Z', 'medium')).toBe('6 Des 2026, 10.05.09 WIB');
    expect(officeTime('id', '2026-12-06T03:05:00.000Z', 'long')).toBe('6 Desember 2026 pukul 10.05 WIB');
  });

  it('shows what it was given when it is not a time, rather than "Invalid Date"', () => {
    expect(officeTime('id', 'bukan waktu')).toBe('bukan waktu');
  });
});
