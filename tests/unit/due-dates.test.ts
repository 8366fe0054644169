// Due dates end with the Jakarta calendar day; working days skip weekends and holidays; an
// overdue step stays overdue until someone acts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OfficeZone } from '../../src/domain/regions/office-zone.ts';
import { dueAtFor, dueDateLabel, isOverdue, officeDate } from '../../src/domain/tickets/due-dates.ts';
import { DEFAULT_TICKET_SETTINGS, type TicketSettings } from '../../src/domain/tickets/settings.ts';
import { TICKET_KINDS, WORKFLOWS } from '../../src/domain/tickets/workflow.ts';
import { anyInstant } from '../support/instants.ts';

const at = (iso: string) => new Date(iso);
const due = (
  kind: 'usulan' | 'sanggahan' | 'aduan',
  status: string,
  from: string,
  settings = DEFAULT_TICKET_SETTINGS,
) => dueAtFor(kind, status, at(from), settings)?.toISOString() ?? null;

describe('dueAtFor', () => {
  it('counts calendar days to the end of the Jakarta day', () => {
    // Monday 23 November 2026, 10:00 in Jakarta: RT/RW has 3 days, to Thursday 23:59:59 WIB.
    expect(due('usulan', 'diajukan', '2026-11-23T03:00:00Z')).toBe('2026-11-26T16:59:59.999Z');
    expect(due('usulan', 'diverifikasi_rt_rw', '2026-11-23T03:00:00Z')).toBe('2026-12-07T16:59:59.999Z');
    expect(due('usulan', 'diusulkan_ke_kemensos', '2026-11-23T03:00:00Z')).toBe('2027-02-21T16:59:59.999Z');
  });

  it('reads the day in Jakarta, not in UTC', () => {
    // 18:00 UTC on the 23rd is 01:00 on the 24th in Jakarta.
    expect(due('usulan', 'diajukan', '2026-11-23T18:00:00Z')).toBe('2026-11-27T16:59:59.999Z');
    expect(due('usulan', 'diajukan', '2026-11-23T16:59:59Z')).toBe('2026-11-26T16:59:59.999Z');
  });

  it('counts working days past weekends', () => {
    // Friday 27 November 2026 → Monday, Tuesday, Wednesday 2 December.
    expect(due('aduan', 'diterima', '2026-11-27T02:00:00Z')).toBe('2026-12-02T16:59:59.999Z');
    // Saturday → Monday, Tuesday, Wednesday.
    expect(due('aduan', 'diterima', '2026-11-28T02:00:00Z')).toBe('2026-12-02T16:59:59.999Z');
    // Monday → Thursday.
    expect(due('aduan', 'diterima', '2026-11-23T02:00:00Z')).toBe('2026-11-26T16:59:59.999Z');
  });

  it('skips the holidays of the settings on working days, and only there', () => {
    const settings: TicketSettings = {
      ...DEFAULT_TICKET_SETTINGS,
      holidays: ['2026-11-30', '2026-12-01', '2026-12-25'],
    };
    expect(due('aduan', 'diterima', '2026-11-27T02:00:00Z', settings)).toBe('2026-12-04T16:59:59.999Z');
    expect(due('usulan', 'diajukan', '2026-11-27T02:00:00Z', settings)).toBe('2026-11-30T16:59:59.999Z');
  });

  it('gives closed states and states without a rule no due date', () => {
    for (const kind of TICKET_KINDS) {
      for (const closed of WORKFLOWS[kind].terminal)
        expect(due(kind, closed, '2026-11-23T03:00:00Z')).toBeNull();
    }
    expect(due('usulan', 'diajukan', '2026-11-23T03:00:00Z', { due: {}, holidays: [] })).toBeNull();
  });

  it('has a default for every open state of every workflow', () => {
    for (const kind of TICKET_KINDS) {
      for (const state of WORKFLOWS[kind].states) {
        if (WORKFLOWS[kind].terminal.includes(state as never)) continue;
        expect(DEFAULT_TICKET_SETTINGS.due[`${kind}.${state}`], `${kind}.${state}`).toBeDefined();
      }
    }
  });

  it('follows an office’s own settings', () => {
    const settings: TicketSettings = {
      due: { 'usulan.diajukan': { days: 1, workingDays: true } },
      holidays: [],
    };
    expect(due('usulan', 'diajukan', '2026-11-27T03:00:00Z', settings)).toBe('2026-11-30T16:59:59.999Z');
  });

  it('labels a due instant with its Jakarta date', () => {
    expect(dueDateLabel('2026-11-26T16:59:59.999Z')).toBe('2026-11-26');
    expect(dueDateLabel(null)).toBeNull();
  });
});

describe('isOverdue', () => {
  const dueAt = '2026-11-26T16:59:59.999Z';

  it('is true for an open step past its due instant, and stays so', () => {
    expect(isOverdue({ status: 'diajukan', due_at: dueAt }, at('2026-11-26T16:59:59.999Z'))).toBe(false);
    expect(isOverdue({ status: 'diajukan', due_at: dueAt }, at('2026-11-26T17:00:00Z'))).toBe(true);
    expect(isOverdue({ status: 'diajukan', due_at: dueAt }, at('2030-01-01T00:00:00Z'))).toBe(true);
    expect(isOverdue({ status: 'perlu_perbaikan', due_at: dueAt }, at('2026-12-01T00:00:00Z'))).toBe(true);
  });

  it('is never true for a closed case or one without a due date', () => {
    for (const status of ['ditetapkan', 'ditolak', 'terbukti', 'tidak_terbukti', 'selesai', 'dirujuk']) {
      expect(isOverdue({ status, due_at: dueAt }, at('2027-01-01T00:00:00Z'))).toBe(false);
    }
    expect(isOverdue({ status: 'diterima', due_at: null }, at('2027-01-01T00:00:00Z'))).toBe(false);
  });
});

describe('officeDate', () => {
  it('is the date in Jakarta: an evening in UTC is the next morning there', () => {
    expect(officeDate('2026-10-01T16:59:59.999Z')).toBe('2026-10-01');
    expect(officeDate('2026-10-01T17:00:00.000Z')).toBe('2026-10-02');
    // As PostgreSQL writes a timestamptz into JSON.
    expect(officeDate('2026-10-01T20:00:00+00:00')).toBe('2026-10-02');
    expect(officeDate('2026-10-01')).toBe('2026-10-01');
  });
});

describe('officeDate of a stored instant', () => {
  it('is the UTC date of the instant moved by the zone, for every instant and zone', () => {
    const zones = [
      { id: 'WIB', timeZone: 'Asia/Jakarta', offsetHours: 7 },
      { id: 'WITA', timeZone: 'Asia/Makassar', offsetHours: 8 },
      { id: 'WIT', timeZone: 'Asia/Jayapura', offsetHours: 9 },
      { id: 'UTC', timeZone: 'UTC', offsetHours: 0 },
      { id: 'X', timeZone: 'America/Caracas', offsetHours: -4 },
      { id: 'Y', timeZone: 'Asia/Kolkata', offsetHours: 5.5 },
    ] as const;
    // Zones of other offsets than Indonesia's three, so that the arithmetic is tried for them too.
    const asOfficeZone = (zone: (typeof zones)[number]) => zone as unknown as OfficeZone;
    fc.assert(
      fc.property(anyInstant(), fc.constantFrom(...zones), fc.boolean(), (at, zone, withMillis) => {
        const stored = withMillis ? at.toISOString() : `${at.toISOString().slice(0, 19)}Z`;
        const moved = new Date(at.getTime() + zone.offsetHours * 3_600_000).toISOString().slice(0, 10);
        expect(officeDate(stored, asOfficeZone(zone))).toBe(moved);
      }),
      { numRuns: 3_000 },
    );
  });
});
