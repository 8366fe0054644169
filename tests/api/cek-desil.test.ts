// A household's desil is personal data about poverty (DESIGN.md §11): the API says it, and why
// each desil-based program is received or not, only after NIK + KK proved the household.
import { describe, expect, it } from 'vitest';
import { DEMO_HOUSEHOLDS, type DemoKey } from '../../src/demo/generate-demo-data.ts';
import { desilAnswerText } from '../../src/domain/cek/desil-answer.ts';
import { notRegistered } from '../../src/server/api/cek-routes.ts';
import { appliedList } from '../support/imports.ts';
import { useTestApp } from '../support/test-app.ts';

const ctx = useTestApp();

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  ctx.app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

const demo = (key: DemoKey) => {
  const h = DEMO_HOUSEHOLDS.find((d) => d.key === key);
  if (!h) throw new Error(`no demo household ${key}`);
  return h;
};

interface DesilBody {
  found: boolean;
  desil?: {
    value: number | null;
    as_of: string | null;
    snapshot: string | null;
    previous: { value: number | null; changed_on: string } | null;
  };
  desil_programs?: {
    program: string;
    program_name: string;
    desil_ceiling: number;
    latest_period: string | null;
    within_ceiling: boolean | null;
    desil_answer: string;
    desil_answer_text: string;
    complaint_href: string | null;
  }[];
}

async function cek(key: DemoKey, headers: Record<string, string> = {}): Promise<DesilBody> {
  const h = demo(key);
  const res = await post('/api/v1/cek', { nik: h.nik, kk: h.kk }, headers);
  expect(res.status).toBe(200);
  return (await res.json()) as DesilBody;
}

const answers = (body: DesilBody) =>
  Object.fromEntries((body.desil_programs ?? []).map((p) => [p.program, [p.desil_answer, p.within_ceiling]]));

describe('the desil on POST /api/v1/cek', () => {
  it('says the desil and answers each desil-based program with the ceilings kept in the database', async () => {
    const kedundung = await cek('bpnt');
    expect(kedundung.desil).toEqual({ value: 2, as_of: null, snapshot: null, previous: null });
    // ATENSI's ceiling (desil 1–5) is its seeded profile's (migration 023).
    expect(answers(kedundung)).toEqual({
      ATENSI: ['within_not_receiving', true],
      BPNT: ['receiving', true],
      'PBI-JK': ['receiving', true],
      PKH: ['within_not_receiving', true],
    });
    expect(kedundung.desil_programs?.map((p) => [p.program, p.desil_ceiling])).toEqual([
      ['ATENSI', 5],
      ['BPNT', 5],
      ['PBI-JK', 5],
      ['PKH', 4],
    ]);
    const pkh = kedundung.desil_programs?.find((p) => p.program === 'PKH');
    expect(pkh?.complaint_href).toBe('/aduan?program=PKH');
    expect(pkh?.desil_answer_text).toContain('Desil keluarga Anda (2) masuk batas PKH (desil 1–4)');
    // A program the household is not in is named by its profile, for the card that says why.
    expect(pkh?.program_name).toBe('Program Keluarga Harapan (PKH)');

    expect(answers(await cek('bst'))).toEqual({
      ATENSI: ['above_ceiling', false],
      BPNT: ['above_ceiling', false],
      'PBI-JK': ['above_ceiling', false],
      PKH: ['above_ceiling', false],
    });
    const ketintang = await cek('kks');
    expect(ketintang.desil).toEqual({ value: null, as_of: null, snapshot: null, previous: null });
    expect(answers(ketintang)).toEqual({
      ATENSI: ['no_desil', null],
      BPNT: ['no_desil', null],
      'PBI-JK': ['no_desil', null],
      PKH: ['no_desil', null],
    });
  });

  it("answers by the desil when the household is not in the program's latest period: dropped", async () => {
    // Another household is listed in a later BPNT month than Kedundung's last one (2020-12).
    const other = await ctx.env.db
      .selectFrom('households')
      .select('id')
      .where('kk', '=', demo('bpnt_pkh').kk)
      .executeTakeFirstOrThrow();
    await ctx.env.db
      .insertInto('program_memberships')
      .values({
        household_id: other.id,
        program_code: 'BPNT',
        period: '2021-01',
        status: 'active',
        suspension_reason: null,
        amount: 200_000,
        channel: 'e-Warong',
        collection_point: null,
        import_id: null,
      })
      .execute();
    try {
      const kedundung = await cek('bpnt');
      expect(answers(kedundung).BPNT).toEqual(['within_not_receiving', true]);
      expect(kedundung.desil_programs?.find((p) => p.program === 'BPNT')?.latest_period).toBe('2021-01');
      expect(answers(await cek('bpnt_pkh')).BPNT).toEqual(['receiving', true]);
    } finally {
      await ctx.env.db
        .deleteFrom('program_memberships')
        .where('household_id', '=', other.id)
        .where('period', '=', '2021-01')
        .execute();
    }
    expect(answers(await cek('bpnt')).BPNT).toEqual(['receiving', true]);
  });

  it('reads a ceiling an office changed, without a code change', async () => {
    await ctx.env.db.updateTable('programs').set({ desil_ceiling: 6 }).where('code', '=', 'PKH').execute();
    await ctx.env.db
      .updateTable('programs')
      .set({ desil_ceiling: null })
      .where('code', '=', 'BPNT')
      .execute();
    try {
      expect(answers(await cek('bst'))).toEqual({
        ATENSI: ['above_ceiling', false],
        'PBI-JK': ['above_ceiling', false],
        PKH: ['within_not_receiving', true],
      });
    } finally {
      await ctx.env.db.updateTable('programs').set({ desil_ceiling: 4 }).where('code', '=', 'PKH').execute();
      await ctx.env.db.updateTable('programs').set({ desil_ceiling: 5 }).where('code', '=', 'BPNT').execute();
    }
  });

  it('dates the desil and names its DTSEN snapshot by the list that last wrote the household, in English when asked', async () => {
    const h = demo('bst');
    const { id: importId } = await ctx.env.db
      .insertInto('imports')
      .values(appliedList('dtsen-semampir.csv', '2026-10-01T03:00:00.000Z', '2026-Q3'))
      .returning('id')
      .executeTakeFirstOrThrow();
    await ctx.env.db.updateTable('households').set({ import_id: importId }).where('kk', '=', h.kk).execute();
    try {
      const body = await cek('bst', { 'accept-language': 'en' });
      expect(body.desil).toEqual({ value: 6, as_of: '2026-10-01', snapshot: '2026-Q3', previous: null });
      // The NIK with another household's KK: nothing of the list, its date or its snapshot.
      const wrongKk = await post('/api/v1/cek', { nik: h.nik, kk: demo('kks').kk });
      expect(await wrongKk.text()).not.toMatch(/2026-Q3|snapshot/);
      const pkh = body.desil_programs?.find((p) => p.program === 'PKH');
      expect(pkh?.desil_answer_text).toBe(
        desilAnswerText('en', 6, {
          program: 'PKH',
          desil_ceiling: 4,
          latest_period: '2020-Q4',
          within_ceiling: false,
          answer: 'above_ceiling',
          rose_from: null,
        }),
      );
      expect(pkh?.desil_answer_text).toContain("Your household's desil (6) is above the limit of PKH");
    } finally {
      await ctx.env.db.updateTable('households').set({ import_id: null }).where('kk', '=', h.kk).execute();
    }
  });

  it('says the move of the desil, and that the household rose out of a ceiling, only after NIK + KK', async () => {
    const h = demo('bst');
    const household = await ctx.env.db
      .selectFrom('households')
      .select('id')
      .where('kk', '=', h.kk)
      .executeTakeFirstOrThrow();
    const { id: importId } = await ctx.env.db
      .insertInto('imports')
      .values(appliedList('dtsen-oktober.csv', '2026-10-01T03:00:00.000Z'))
      .returning('id')
      .executeTakeFirstOrThrow();
    const moves = [
      { from_desil: null, to_desil: 4, changed_at: '2026-07-01T03:00:00.000Z' },
      { from_desil: 4, to_desil: 6, changed_at: '2026-10-01T03:00:00.000Z' },
    ];
    await ctx.env.db
      .insertInto('household_desil_changes')
      .values(moves.map((m) => ({ ...m, household_id: household.id, import_id: importId })))
      .execute();
    try {
      const body = await cek('bst');
      expect(body.desil?.previous).toEqual({ value: 4, changed_on: '2026-10-01' });
      const texts = Object.fromEntries(
        (body.desil_programs ?? []).map((p) => [p.program, p.desil_answer_text]),
      );
      // 4 was within PKH's ceiling (1–4) and BPNT's (1–5): the household rose out of both.
      expect(texts.PKH).toContain('Desil keluarga naik dari 4 menjadi 6, di atas batas PKH (desil 1–4)');
      expect(texts.BPNT).toContain('Desil keluarga naik dari 4 menjadi 6, di atas batas BPNT (desil 1–5)');
      expect(
        (await cek('bst', { 'accept-language': 'en' })).desil_programs?.[0]?.desil_answer_text,
      ).toContain("Your household's desil rose from 4 to 6");

      // The NIK with another household's KK: not found, and nothing of the move.
      const wrongKk = await post('/api/v1/cek', { nik: h.nik, kk: demo('kks').kk });
      expect(await wrongKk.json()).toEqual(notRegistered('id'));
      // The KK alone is no NIK: the head's KK with a NIK not of this household.
      const wrongNik = await post('/api/v1/cek', { nik: demo('kks').nik, kk: h.kk });
      expect(await wrongNik.json()).toEqual(notRegistered('id'));
      const byName = await post('/api/v1/cek/wilayah', { village_code: '35.78.16.1003', name: 'matrawi' });
      expect(await byName.text()).not.toMatch(/desil|previous|changed_on/i);

      // A move that is not the one the register holds now (written around the lists) is not said.
      await ctx.env.db.updateTable('households').set({ desil: 5 }).where('id', '=', household.id).execute();
      expect((await cek('bst')).desil).toEqual({ value: 5, as_of: null, snapshot: null, previous: null });
    } finally {
      await ctx.env.db.updateTable('households').set({ desil: 6 }).where('id', '=', household.id).execute();
      await ctx.env.db.deleteFrom('household_desil_changes').where('import_id', '=', importId).execute();
    }
    expect((await cek('bst')).desil?.previous).toBeNull();
  });

  it('answer 1: a household the register does not hold is told how to be proposed, in either language', async () => {
    for (const [language, words] of [
      ['id', ['Ajukan usulan', 'Musyawarah kelurahan/desa', 'aplikasi Cek Bansos', 'Usul Sanggah']],
      ['en', ['Submit a proposal', 'village deliberation', 'Cek Bansos app', 'Usul Sanggah']],
    ] as const) {
      const res = await post(
        '/api/v1/cek',
        { nik: demo('not_found').nik, kk: demo('not_found').kk },
        { 'accept-language': language },
      );
      expect(res.status).toBe(200);
      const body = (await res.json()) as { found: boolean; not_found_text: string; propose_href: string };
      expect(body).toEqual(notRegistered(language));
      expect(body.propose_href).toBe('/usulan');
      for (const w of words) expect(body.not_found_text).toContain(w);
      // Nothing typed is said back.
      expect(body.not_found_text).not.toContain(demo('not_found').nik);
    }
  });

  it('says nothing of a desil to a wrong KK, an unknown NIK, or the search by region and name', async () => {
    const h = demo('bst');
    const wrongKk = await post('/api/v1/cek', { nik: h.nik, kk: demo('kks').kk });
    expect(await wrongKk.json()).toEqual(notRegistered('id'));
    const unknown = await post('/api/v1/cek', { nik: demo('not_found').nik, kk: demo('not_found').kk });
    expect(await unknown.json()).toEqual(notRegistered('id'));

    // Wonokusumo's own head, found by name in his village: masked, and no desil, no ceiling.
    const res = await post('/api/v1/cek/wilayah', { village_code: '35.78.16.1003', name: 'matrawi' });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(JSON.parse(text).matches.length).toBeGreaterThan(0);
    expect(text).not.toMatch(/desil|ceiling|batas/i);
  });
});
