// The office's clock comes from its province (WIB, WITA, WIT) unless OFFICE_TIME_ZONE says
// otherwise, and due dates end at midnight on that clock (issue 20 item 8).
import { describe, expect, it } from 'vitest';
import {
  isoOffsetOf,
  OFFICE_ZONES,
  officeZoneOf,
  zoneOfProvince,
} from '../../src/domain/regions/office-zone.ts';
import type { RegionNode } from '../../src/domain/regions/region-directory.ts';
import { ServiceArea } from '../../src/domain/regions/service-area.ts';
import { dueAtFor, dueDateLabel, officeDate } from '../../src/domain/tickets/due-dates.ts';
import { DEFAULT_TICKET_SETTINGS } from '../../src/domain/tickets/settings.ts';
import { readConfig } from '../../src/server/config.ts';

const node = (code: string): RegionNode =>
  ({ code, name: code, level: code.split('.').length, parentCode: null }) as unknown as RegionNode;

describe('the zone of a province', () => {
  it('is WIB for Sumatra, Java and West and Central Kalimantan', () => {
    for (const code of ['11', '12', '18', '19', '21', '31', '32', '33', '34', '35', '36', '61', '62']) {
      expect(zoneOfProvince(code)?.id, code).toBe('WIB');
    }
  });
  it('is WITA for Bali, Nusa Tenggara, South, East and North Kalimantan and Sulawesi', () => {
    for (const code of ['51', '52', '53', '63', '64', '65', '71', '72', '73', '74', '75', '76']) {
      expect(zoneOfProvince(code)?.id, code).toBe('WITA');
    }
  });
  it('is WIT for Maluku and every Papua province, old and new', () => {
    for (const code of ['81', '82', '91', '92', '93', '94', '95', '96']) {
      expect(zoneOfProvince(code)?.id, code).toBe('WIT');
    }
  });
  it('reads any region code by its first two digits, and knows no made-up province', () => {
    expect(zoneOfProvince('73.71')?.id).toBe('WITA');
    expect(zoneOfProvince('35.76.01.1001')?.id).toBe('WIB');
    expect(zoneOfProvince('94.01.02')?.id).toBe('WIT');
    for (const code of ['00', '99', '41', '', 'ab', '3', '735', '__proto__']) {
      expect(zoneOfProvince(code), code).toBeUndefined();
    }
  });
});

describe("the office's zone", () => {
  it("is its first region's, WIB when the area is unknown, and the setting wins", () => {
    expect(officeZoneOf(new ServiceArea([node('73.71')]))).toBe(OFFICE_ZONES.WITA);
    expect(officeZoneOf(new ServiceArea([node('35.76'), node('35.78')]))).toBe(OFFICE_ZONES.WIB);
    expect(officeZoneOf(new ServiceArea([node('91.71')]))).toBe(OFFICE_ZONES.WIT);
    expect(officeZoneOf(new ServiceArea([]))).toBe(OFFICE_ZONES.WIB);
    expect(officeZoneOf(new ServiceArea([node('35.76')]), 'WITA')).toBe(OFFICE_ZONES.WITA);
    expect(isoOffsetOf(OFFICE_ZONES.WIT)).toBe('+09:00');
    expect(isoOffsetOf()).toBe('+07:00');
  });

  it('is read from OFFICE_TIME_ZONE, which refuses anything else', () => {
    expect(readConfig({ OFFICE_TIME_ZONE: 'WITA' }).tickets.zone).toBe(OFFICE_ZONES.WITA);
    expect(readConfig({}).tickets.zone).toBeUndefined();
    for (const bad of ['wita', 'UTC', 'Asia/Makassar', '+08:00']) {
      expect(() => readConfig({ OFFICE_TIME_ZONE: bad }), bad).toThrow(
        /OFFICE_TIME_ZONE: must be WIB, WITA or WIT/,
      );
    }
  });
});

describe('due dates on a WITA office clock', () => {
  const wita = { ...DEFAULT_TICKET_SETTINGS, zone: OFFICE_ZONES.WITA };
  const wit = { ...DEFAULT_TICKET_SETTINGS, zone: OFFICE_ZONES.WIT };

  it("end at midnight WITA (15:59:59.999 UTC), an hour before a WIB office's", () => {
    // Monday 23 November 2026, 11:00 WITA: RT/RW has 3 days, to Thursday 23:59:59 WITA.
    expect(dueAtFor('usulan', 'diajukan', new Date('2026-11-23T03:00:00Z'), wita)?.toISOString()).toBe(
      '2026-11-26T15:59:59.999Z',
    );
    expect(dueAtFor('usulan', 'diajukan', new Date('2026-11-23T03:00:00Z'), wit)?.toISOString()).toBe(
      '2026-11-26T14:59:59.999Z',
    );
    expect(
      dueAtFor(
        'usulan',
        'diajukan',
        new Date('2026-11-23T03:00:00Z'),
        DEFAULT_TICKET_SETTINGS,
      )?.toISOString(),
    ).toBe('2026-11-26T16:59:59.999Z');
  });

  it('starts the count on the WITA day: 16:30 UTC is already tomorrow in Makassar, not in Jakarta', () => {
    const from = new Date('2026-11-23T16:30:00Z');
    expect(dueAtFor('usulan', 'diajukan', from, wita)?.toISOString()).toBe('2026-11-27T15:59:59.999Z');
    expect(dueAtFor('usulan', 'diajukan', from, DEFAULT_TICKET_SETTINGS)?.toISOString()).toBe(
      '2026-11-26T16:59:59.999Z',
    );
    // Working days too: Friday 27 November 16:30 UTC is Saturday in Makassar → Mon, Tue, Wed.
    expect(dueAtFor('aduan', 'diterima', new Date('2026-11-27T16:30:00Z'), wita)?.toISOString()).toBe(
      '2026-12-02T15:59:59.999Z',
    );
    // In Jakarta it is still Friday: Mon, Tue, Wed as well, ending an hour later.
    expect(
      dueAtFor('aduan', 'diterima', new Date('2026-11-27T16:30:00Z'), DEFAULT_TICKET_SETTINGS)?.toISOString(),
    ).toBe('2026-12-02T16:59:59.999Z');
  });

  it("names the office's calendar date of an instant", () => {
    expect(officeDate('2026-11-23T16:30:00Z', OFFICE_ZONES.WITA)).toBe('2026-11-24');
    expect(officeDate('2026-11-23T16:30:00Z')).toBe('2026-11-23');
    expect(dueDateLabel('2026-11-26T15:59:59.999Z', OFFICE_ZONES.WITA)).toBe('2026-11-26');
  });
});

describe('the zone a script reads from the settings alone', () => {
  it("is OFFICE_TIME_ZONE, else the first SERVICE_AREA code's province, else WIB", async () => {
    const { officeZoneOfSettings } = await import('../../src/domain/regions/office-zone.ts');
    expect(officeZoneOfSettings(OFFICE_ZONES.WIT, ['35.76'])).toBe(OFFICE_ZONES.WIT);
    expect(officeZoneOfSettings(undefined, ['73.71', '35.76'])).toBe(OFFICE_ZONES.WITA);
    expect(officeZoneOfSettings(undefined, undefined)).toBe(OFFICE_ZONES.WIB);
  });
});
