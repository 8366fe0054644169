// The office holds data for its own area only (derived here from the demo households: Kota
// Mojokerto and Kota Surabaya). Elsewhere an empty answer must not read as "not registered".
import { describe, expect, it } from 'vitest';
import { composeNik } from '../../src/domain/nik/nik.ts';
import { serviceAreaFromCodes } from '../../src/domain/regions/service-area.ts';
import { notRegistered } from '../../src/server/api/cek-routes.ts';
import { useTestApp } from '../support/test-app.ts';

const ctx = useTestApp();

const post = (path: string, body: unknown) =>
  ctx.app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('the service area', () => {
  it('is derived from the regencies of the households held', () => {
    expect(ctx.env.deps.area.roots.map((r) => r.code)).toEqual(['35.76', '35.78']);
    expect(ctx.env.deps.area.covers('35.76.01.1001')).toBe(true);
    expect(ctx.env.deps.area.touches('35')).toBe(true);
    expect(ctx.env.deps.area.excludes('35')).toBe(false);
    expect(ctx.env.deps.area.excludes('35.01')).toBe(true);
    expect(ctx.env.deps.area.excludes('93')).toBe(true);
  });

  it('refuses a SERVICE_AREA code that is not in the region list', () => {
    expect(() => serviceAreaFromCodes(ctx.env.deps.regions, ['35.99'])).toThrow(/SERVICE_AREA: 35\.99/);
    expect(() => serviceAreaFromCodes(ctx.env.deps.regions, ['35.76.01.1001'])).toThrow(/SERVICE_AREA/);
    const area = serviceAreaFromCodes(ctx.env.deps.regions, ['35.76', '35.76.01', '35']);
    expect(area.roots.map((r) => r.code)).toEqual(['35']);
  });
});

describe('POST /api/v1/cek with a KK issued outside the area', () => {
  it('says where the KK was issued instead of only "not found"', async () => {
    const res = await post('/api/v1/cek', {
      nik: composeNik('35.01.01', '1980-05-05', 'L', 1),
      kk: '3501012345670001',
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      found: false,
      outside_service_area: {
        kk_region: [
          { code: '35.01.01', name: 'Donorojo' },
          { code: '35.01', name: 'KABUPATEN PACITAN' },
          { code: '35', name: 'JAWA TIMUR' },
        ],
      },
    });
  });

  it('names a KK from a code retired by the Papua split by its successor', async () => {
    const res = await post('/api/v1/cek', { nik: '9101014107850001', kk: '9101012345670001' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { outside_service_area: { kk_region: { name: string }[] } };
    expect(body.outside_service_area.kk_region.map((r) => r.name)).toEqual([
      'Merauke',
      'KABUPATEN MERAUKE',
      'PAPUA SELATAN',
    ]);
  });

  it('answers a plain "not found" for a KK of the area, whatever the NIK', async () => {
    // A NIK keeps the district of first issue for life: this resident moved to Mojokerto.
    const res = await post('/api/v1/cek', { nik: '9101014107850001', kk: '3576012345670001' });
    expect(await res.json()).toEqual(notRegistered('id'));
  });
});

describe('POST /api/v1/cek/wilayah in a village outside the area', () => {
  it('says so, with no matches, and counts no search', async () => {
    const res = await post('/api/v1/cek/wilayah', { village_code: '35.01.01.2001', name: 'SUPRIADI' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ matches: [], outside_service_area: true });
  });
});
