import { describe, expect, it } from 'vitest';
import { useTestApp } from '../support/test-app.ts';

const ctx = useTestApp();

const stats = async (query: string) => {
  const res = await ctx.app.request(`/api/v1/stats/recipients?${query}`);
  return { status: res.status, body: (await res.json()) as Record<string, any> };
};

describe('GET /api/v1/stats/recipients', () => {
  it('gives Mojokerto BPNT December 2020 as in seed 002 (Tabel 2 and 5)', async () => {
    const { status, body } = await stats('region=35.76&program=BPNT&period=2020-12');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      region: { code: '35.76', name: 'KOTA MOJOKERTO' },
      program: 'BPNT',
      period: '2020-12',
    });
    expect(body.total).toBe(6128);
    expect(body.collected).toBe(5540);
    // Prajuritkulon: Surodinawan 368 + Prajuritkulon 449 + Blooto 414 + Pulorejo 405 + Kauman 136 + Mentikan 450.
    expect(body.children).toEqual([
      { code: '35.76.01', name: 'Prajuritkulon', count: 2222, collected: expect.any(Number) },
      { code: '35.76.02', name: 'Magersari', count: 2393, collected: expect.any(Number) },
      { code: '35.76.03', name: 'Kranggan', count: 1513, collected: expect.any(Number) },
    ]);
  });

  it('uses the latest period when none is given', async () => {
    const { body } = await stats('region=35.76&program=PKH');
    expect(body).toMatchObject({ period: '2020-Q4', total: 2655, collected: 2648 });
  });

  it('gives Semampir BST per kelurahan as in seed 001 Tabel 1', async () => {
    const { body } = await stats('region=35.78.16&program=BST');
    expect(body.total).toBe(13130);
    expect(Object.fromEntries(body.children.map((c: any) => [c.name, c.count]))).toEqual({
      Ampel: 1173,
      Pegirian: 2658,
      Wonokusumo: 4849,
      Ujung: 2177,
      Sidotopo: 2273,
    });
  });

  it('suppresses counts below 5', async () => {
    const village = await ctx.env.db
      .selectFrom('program_memberships as pm')
      .innerJoin('households as h', 'h.id', 'pm.household_id')
      .select(['h.village_code', (eb) => eb.fn.countAll<number>().as('n')])
      .where('pm.program_code', '=', 'PBI-JK')
      .groupBy('h.village_code')
      .orderBy('n')
      .executeTakeFirst();
    const { body } = await stats(`region=${village?.village_code}&program=PBI-JK&period=2020-12`);
    if (Number(village?.n) < 5) expect(body.total).toBeNull();
    else expect(body.total).toBe(Number(village?.n));
    const { body: regency } = await stats('region=35.76&program=BPNT&period=2020-12');
    for (const c of regency.children) expect(c.count === null || c.count >= 5).toBe(true);
  });

  it.each([
    ['region=99&program=BPNT', 'region'],
    ['region=35.76&program=XYZ', 'program'],
    ['region=35.76&program=BPNT&period=2020-13', 'period'],
    ['region=35.76&program=BPNT&period=%27%20OR%201=1', 'period'],
    ['program=BPNT', 'region'],
  ])('refuses %s with 422', async (query, field) => {
    const { status, body } = await stats(query);
    expect(status).toBe(422);
    expect(body.error.field).toBe(field);
  });
});
