import { describe, expect, it } from 'vitest';
import { useTestApp } from '../support/test-app.ts';

const ctx = useTestApp();

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  ctx.app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

/** A member (not always the head) of a household that has a membership with this status. */
async function memberWith(status: string, program?: string) {
  let q = ctx.env.db
    .selectFrom('program_memberships as pm')
    .innerJoin('households as h', 'h.id', 'pm.household_id')
    .innerJoin('household_members as m', 'm.household_id', 'h.id')
    .select(['m.nik', 'm.name', 'h.kk', 'h.id', 'pm.program_code', 'pm.period', 'pm.suspension_reason'])
    .where('pm.status', '=', status as never);
  if (program) q = q.where('pm.program_code', '=', program);
  const row = await q.orderBy('m.id').executeTakeFirstOrThrow();
  return row;
}

describe('POST /api/v1/cek', () => {
  it('finds a household by any member NIK and its KK, masked', async () => {
    const who = await memberWith('collected', 'BPNT');
    const res = await post('/api/v1/cek', { nik: who.nik, kk: who.kk });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, any>;
    expect(body.found).toBe(true);
    expect(body.person.nik).toBe(`************${who.nik.slice(-4)}`);
    expect(body.kk).toBe(`************${who.kk.slice(-4)}`);
    expect(body.person.name).not.toBe(who.name);
    expect(body.person.name).toMatch(/^\S\**\S?( \S\**\S?)*$/);
    expect(body.region.regency).toMatchObject({ code: expect.stringMatching(/^35\.7[68]$/) });
    expect(body.memberships.length).toBeGreaterThan(0);
    expect(body.memberships[0]).toMatchObject({
      program: expect.any(String),
      period: expect.stringMatching(/^\d{4}-/),
      status: expect.any(String),
      amount: expect.any(Number),
      channel: expect.any(String),
    });
    const text = JSON.stringify(body);
    expect(text).not.toContain(who.nik);
    expect(text).not.toContain(who.kk);
    expect(text).not.toContain(who.name);
  });

  it('lists every membership of the household, programs by code and each one’s latest period first', async () => {
    // The household with the most programs, so that the order between programs shows too.
    const busiest = await ctx.env.db
      .selectFrom('program_memberships')
      .select(['household_id', (eb) => eb.fn.count<number>('program_code').distinct().as('programs')])
      .groupBy('household_id')
      .orderBy('programs', 'desc')
      .orderBy('household_id')
      .executeTakeFirstOrThrow();
    const member = await ctx.env.db
      .selectFrom('household_members as m')
      .innerJoin('households as h', 'h.id', 'm.household_id')
      .select(['m.nik', 'h.kk'])
      .where('h.id', '=', busiest.household_id)
      .orderBy('m.id')
      .executeTakeFirstOrThrow();
    const stored = await ctx.env.db
      .selectFrom('program_memberships')
      .select(['program_code', 'period', 'status', 'amount', 'channel', 'collection_point'])
      .where('household_id', '=', busiest.household_id)
      .execute();
    const body = (await (await post('/api/v1/cek', { nik: member.nik, kk: member.kk })).json()) as {
      memberships: { program: string; period: string; status: string; amount: number }[];
    };
    const expected = stored
      .map((m) => ({ program: m.program_code, period: m.period, status: m.status, amount: m.amount }))
      .sort((a, b) =>
        a.program !== b.program ? (a.program < b.program ? -1 : 1) : a.period < b.period ? 1 : -1,
      );
    expect(Number(busiest.programs)).toBeGreaterThan(1);
    expect(
      body.memberships.map(({ program, period, status, amount }) => ({ program, period, status, amount })),
    ).toEqual(expected);
  });

  it('names the reason of a suspension', async () => {
    const who = await memberWith('suspended');
    const body = (await (await post('/api/v1/cek', { nik: who.nik, kk: who.kk })).json()) as Record<
      string,
      any
    >;
    const suspended = body.memberships.find(
      (m: any) => m.program === who.program_code && m.period === who.period,
    );
    expect(suspended).toMatchObject({ status: 'suspended', suspension_reason: who.suspension_reason });
  });

  it('answers an unknown NIK and a NIK with the wrong KK identically', async () => {
    const who = await memberWith('collected');
    const other = await ctx.env.db
      .selectFrom('households')
      .select('kk')
      .where('kk', '!=', who.kk)
      .executeTakeFirstOrThrow();
    const wrongKk = await post('/api/v1/cek', { nik: who.nik, kk: other.kk });
    const unknown = await post('/api/v1/cek', { nik: '3576010101010999', kk: other.kk });
    expect(wrongKk.status).toBe(200);
    expect(unknown.status).toBe(200);
    expect(await wrongKk.text()).toBe(await unknown.text());
  });

  it.each([
    [{ nik: '123', kk: '3576021506100001' }, 'nik', 'NIK harus terdiri dari 16 angka.'],
    [{ nik: '9999011203850002', kk: '3576021506100001' }, 'nik', 'Enam angka pertama NIK'],
    [{ nik: '3576013203850002', kk: '3576021506100001' }, 'nik', 'tanggal lahir'],
    [{ nik: '3576011203850002', kk: 'abc' }, 'kk', 'Nomor KK harus terdiri dari 16 angka.'],
    [{ nik: '3576011203850002', kk: '' }, 'kk', 'Nomor KK wajib diisi.'],
    [{ nik: 3576011203850002, kk: '3576021506100001' }, 'nik', 'NIK harus terdiri dari 16 angka.'],
    [{ nik: null, kk: null }, 'nik', 'NIK'],
    [{ nik: 'x'.repeat(100), kk: '3576021506100001' }, 'nik', '16 angka'],
    [{ kk: '3576021506100001' }, 'nik', '16 angka'],
  ])('refuses %j with 422 naming the field', async (body, field, message) => {
    const res = await post('/api/v1/cek', body);
    expect(res.status).toBe(422);
    const json = (await res.json()) as { error: { code: string; field: string; message: string } };
    expect(json.error).toMatchObject({ code: 'validation_failed', field });
    expect(json.error.message).toContain(message);
  });

  it('answers in English when asked', async () => {
    const res = await post(
      '/api/v1/cek',
      { nik: '123', kk: '3576021506100001' },
      { 'accept-language': 'en-GB,en;q=0.9' },
    );
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe(
      'A NIK has exactly 16 digits.',
    );
  });

  it.each([
    ['[]', 422],
    ['[1,2,3]', 422],
    ['42', 422],
    ['null', 422],
    ['"text"', 422],
    ['{"nik":', 400],
    ['not json at all', 400],
    ['', 400],
  ])('gives a 4xx, never a 5xx, for the body %j', async (body, status) => {
    const res = await post('/api/v1/cek', body);
    expect(res.status).toBe(status);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBeDefined();
  });

  it('refuses another content type with 415', async () => {
    const res = await ctx.app.request('/api/v1/cek', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'nik=3576011203850002&kk=3576021506100001',
    });
    expect(res.status).toBe(415);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unsupported_media_type');
  });

  it('refuses a body of megabytes with 413', async () => {
    const res = await post('/api/v1/cek', { nik: 'x'.repeat(3_000_000), kk: '1' });
    expect(res.status).toBe(413);
  });
});

describe('POST /api/v1/cek/wilayah', () => {
  it('finds masked people by a part of their name within a village', async () => {
    const someone = await ctx.env.db
      .selectFrom('household_members as m')
      .innerJoin('households as h', 'h.id', 'm.household_id')
      .select(['m.name', 'h.village_code'])
      .where('h.village_code', '=', '35.76.02.1009')
      .executeTakeFirstOrThrow();
    const word = someone.name.split(' ')[0] as string;
    const res = await post('/api/v1/cek/wilayah', {
      village_code: '35.76.02.1009',
      name: word.toLowerCase(),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      matches: { name: string; age: number; programs: unknown[] }[];
      capped: boolean;
    };
    expect(body.matches.length).toBeGreaterThan(0);
    expect(body.matches.length).toBeLessThanOrEqual(20);
    for (const m of body.matches) {
      expect(m.name).toContain('*');
      expect(typeof m.age).toBe('number');
    }
    expect(JSON.stringify(body)).not.toContain(someone.name);
  });

  it.each(['%%%', '___', '%a%', '\\\\\\', 'A%_'])(
    'matches %j literally, never as a wildcard',
    async (name) => {
      const res = await post('/api/v1/cek/wilayah', { village_code: '35.76.02.1009', name });
      if (res.status === 200) {
        expect(((await res.json()) as { matches: unknown[] }).matches).toEqual([]);
      } else {
        expect(res.status).toBe(422);
      }
    },
  );

  it.each([
    [{ village_code: '35.76.02.1009', name: 'ab' }, 'name'],
    [{ village_code: '35.76.02.1009', name: '  a  b ' }, 'name'],
    [{ village_code: '35.76.02', name: 'SITI' }, 'village_code'],
    [{ village_code: '99.99.99.9999', name: 'SITI' }, 'village_code'],
    [{ village_code: '35.76.02.1009', name: 'x'.repeat(5000) }, 'name'],
  ])('refuses %j', async (body, field) => {
    const res = await post('/api/v1/cek/wilayah', body);
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: { field: string } }).error.field).toBe(field);
  });
});
