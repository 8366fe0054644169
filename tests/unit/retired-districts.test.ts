// NIKs and KKs issued in Papua before the 2022 split carry district codes that today's list no
// longer has; they stay valid for life, and read as the district that took each code over.
import { getDistricts, getProvinces, getRegencies } from 'idn-area-data';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseKk, parseNik } from '../../src/domain/nik/nik.ts';
import { RegionDirectory } from '../../src/domain/regions/region-directory.ts';
import { RETIRED_DISTRICTS } from '../../src/domain/regions/retired-districts.ts';

const today = new Date('2026-11-23T00:00:00Z');
let regions: RegionDirectory;

beforeAll(async () => {
  const [provinces, regencies, districts] = await Promise.all([
    getProvinces(),
    getRegencies(),
    getDistricts(),
  ]);
  regions = new RegionDirectory([
    ...provinces.map((p) => ({ code: p.code, name: p.name, level: 1 as const, parentCode: null })),
    ...regencies.map((r) => ({ code: r.code, name: r.name, level: 2 as const, parentCode: r.province_code })),
    ...districts.map((d) => ({ code: d.code, name: d.name, level: 3 as const, parentCode: d.regency_code })),
  ]);
});

describe('the list of retired district codes', () => {
  it('holds the 523 Papua codes that the current list lacks, each taken over by a district of 93–96', () => {
    const entries = Object.entries(RETIRED_DISTRICTS);
    expect(entries).toHaveLength(523);
    for (const [retired, successor] of entries) {
      expect(retired).toMatch(/^9[12]\.\d\d\.\d\d$/);
      expect(regions.get(retired), retired).toBeUndefined();
      expect(regions.get(successor)?.level, successor).toBe(3);
      expect(successor, retired).toMatch(retired.startsWith('91.') ? /^9[345]\./ : /^96\./);
    }
  });
});

describe('a NIK from before the split', () => {
  // A woman born 1 July 1985, registered in Merauke district (91.01.01) before 2022.
  const merauke = '9101014107850001';
  // Kurulu, Jayawijaya: renumbered, 91.02.03 became 95.01.02.
  const kurulu = '9102031203900002';

  it('is valid, and its district of issue is the successor', () => {
    const nik = parseNik(merauke, regions.districtExists, today);
    expect(nik).toMatchObject({
      ok: true,
      value: { districtCode: '91.01.01', birthDate: '1985-07-01', sex: 'P' },
    });
    const district = regions.districtOfIssue('91.01.01');
    expect(district?.code).toBe('93.01.01');
    expect(regions.lineage(district?.code ?? '').map((n) => n.name)).toEqual([
      'PAPUA SELATAN',
      'KABUPATEN MERAUKE',
      'Merauke',
    ]);
  });

  it('reads a renumbered district by its new code, not by the old number', () => {
    expect(parseNik(kurulu, regions.districtExists, today).ok).toBe(true);
    expect(regions.districtOfIssue('91.02.03')).toMatchObject({ code: '95.01.02', name: 'Kurulu' });
    expect(regions.get('95.01.03')?.name).not.toBe('Kurulu');
  });

  it('is valid as a KK number too', () => {
    expect(parseKk('9201011234560001', regions.districtExists)).toMatchObject({
      ok: true,
      value: { districtCode: '92.01.01' },
    });
  });

  it('still refuses a code that never existed', () => {
    expect(parseNik('9101991203900002', regions.districtExists, today)).toEqual({
      ok: false,
      rule: 'district_unknown',
    });
    expect(regions.districtOfIssue('91.01.99')).toBeUndefined();
    expect(regions.districtOfIssue('toString')).toBeUndefined();
  });

  it('is a current district as it is', () => {
    expect(regions.districtOfIssue('35.76.01')?.name).toBe('Prajuritkulon');
  });
});
