// POST /api/v1/usulan with `purpose: sanggah_desil` (issue 19, decision 0031): a listed household
// disputes the facts its desil was worked out from. Recorded as an usulan whose topic is the
// purpose, placed in the household's village and RT/RW, with its own words and time limits; every
// bad input a 4xx naming its field.
import { describe, expect, it } from 'vitest';
import { DEMO_HOUSEHOLDS } from '../../src/demo/generate-demo-data.ts';
import { transitionTicket } from '../../src/domain/tickets/ticket-repository.ts';
import { translateDynamic } from '../../src/i18n/messages.ts';
import { useTestApp } from '../support/test-app.ts';
import {
  expectError,
  expectReceipt,
  freshHead,
  LISTED_HOUSEHOLD,
  postJson,
  postMultipart,
  ticketOf,
  tinyJpeg,
} from '../support/ticket-fixtures.ts';

const ctx = useTestApp();

const ENDPOINT = '/api/v1/usulan';
const post = (body: unknown, headers: Record<string, string> = {}) =>
  postJson(ctx.app, ENDPOINT, body, headers);

const bst = DEMO_HOUSEHOLDS.find((h) => h.key === 'bst');
if (!bst) throw new Error('no demo household bst');

function disputeBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    purpose: 'sanggah_desil',
    head_nik: LISTED_HOUSEHOLD.nik,
    kk: LISTED_HOUSEHOLD.kk,
    desil_seen: '6',
    facts: ['pekerjaan', 'rumah'],
    fact_now: {
      pekerjaan: 'Suami tidak bekerja lagi sejak Maret 2026.',
      rumah: 'Atap bocor, lantai masih tanah.',
      // Said of a box left unticked: no claim, not kept.
      aset: 'Motor sudah dijual.',
    },
    phone: '0812-3456-7890',
    consent: true,
    ...overrides,
  };
}

const fieldsOf = async (res: Response, status = 422) => (await expectError(res, status)).fields ?? {};
/** The message the API says for a rule's key, in Indonesian (no Accept-Language). */
const msg = (key: string) => translateDynamic('id', key);

let nextHousehold = 0;
/**
 * Another listed household each time (one open usulan per household): a member's NIK and the KK,
 * past the showcase households the other cases use.
 */
async function listedHousehold(): Promise<{ nik: string; kk: string }> {
  nextHousehold += 1;
  const row = await ctx.env.db
    .selectFrom('households as h')
    .innerJoin('household_members as m', 'm.household_id', 'h.id')
    .select(['m.nik', 'h.kk'])
    .where('m.nik', 'is not', null)
    .orderBy('h.id', 'desc')
    .orderBy('m.id')
    .offset(nextHousehold * 7)
    .limit(1)
    .executeTakeFirstOrThrow();
  return { nik: row.nik as string, kk: row.kk };
}

describe('POST /api/v1/usulan: a desil dispute is recorded', () => {
  it('answers 201 and records an usulan with the purpose, placed at the household', async () => {
    const receipt = await expectReceipt(await post(disputeBody()), 'USL');
    expect(receipt.status).toBe('diajukan');
    const { ticket, submission } = await ticketOf(ctx.env.db, receipt.reference);
    const household = await ctx.env.db
      .selectFrom('households')
      .select(['id', 'village_code', 'rt', 'rw'])
      .where('kk', '=', LISTED_HOUSEHOLD.kk)
      .executeTakeFirstOrThrow();
    expect(ticket).toMatchObject({
      kind: 'usulan',
      topic: 'sanggah_desil',
      status: 'diajukan',
      responsible_role: 'rt_rw',
      household_id: household.id,
      area_code: household.village_code,
      rt: household.rt,
      rw: household.rw,
      subject_nik: LISTED_HOUSEHOLD.nik,
      subject_kk: LISTED_HOUSEHOLD.kk,
    });
    // usulan.diajukan: 3 days, the purpose has no rule of its own for it.
    expect(receipt.due_date).toBe('2026-11-26');
    const payload = JSON.parse(submission.payload);
    expect(payload).toEqual({
      purpose: 'sanggah_desil',
      head_nik: LISTED_HOUSEHOLD.nik,
      kk: LISTED_HOUSEHOLD.kk,
      desil_seen: 6,
      facts: ['pekerjaan', 'rumah'],
      fact_now: {
        pekerjaan: 'Suami tidak bekerja lagi sejak Maret 2026.',
        rumah: 'Atap bocor, lantai masih tanah.',
      },
      phone: '+6281234567890',
      consent: true,
    });
    expect(JSON.parse(submission.receipt)).toMatchObject({ kind: 'usulan', purpose: 'sanggah_desil' });
    expect(JSON.parse(submission.contact ?? 'null')).toEqual({ phone: '+6281234567890' });
  });

  it('Lacak names the purpose beside the kind', async () => {
    const receipt = await expectReceipt(await post(disputeBody({ head_nik: bst.nik, kk: bst.kk })), 'USL');
    const track = async () => {
      const res = await postJson(ctx.app, '/api/v1/lacak', {
        reference: receipt.reference,
        tracking_code: receipt.tracking_code,
      });
      expect(res.status).toBe(200);
      return (await res.json()) as { kind: string; purpose: string | null; status: string };
    };
    expect(await track()).toMatchObject({ kind: 'usulan', purpose: 'sanggah_desil', status: 'diajukan' });
  });

  it('takes photos under foto_1…foto_3 and refuses a file under any other name', async () => {
    const h = await listedHousehold();
    const body = disputeBody({ head_nik: h.nik, kk: h.kk });
    const ok = await postMultipart(ctx.app, ENDPOINT, body, [
      { field: 'foto_1', bytes: tinyJpeg(), name: 'rumah.jpg', type: 'image/jpeg' },
    ]);
    const receipt = await expectReceipt(ok, 'USL');
    const { ticket } = await ticketOf(ctx.env.db, receipt.reference);
    const files = await ctx.env.db
      .selectFrom('ticket_attachments')
      .select(['purpose', 'content_type'])
      .where('ticket_id', '=', ticket.id)
      .execute();
    expect(files).toEqual([{ purpose: 'foto_1', content_type: 'image/jpeg' }]);

    const wrong = await postMultipart(ctx.app, ENDPOINT, disputeBody(), [
      { field: 'foto_ktp', bytes: tinyJpeg(), name: 'ktp.jpg', type: 'image/jpeg' },
    ]);
    expect(await fieldsOf(wrong)).toEqual({ foto_ktp: msg('field.invalid') });
  });

  it('keeps one open usulan per household: a second dispute is refused, a retry gets its receipt', async () => {
    const h = await listedHousehold();
    const headers = { 'idempotency-key': 'dispute-retry-1' };
    const body = disputeBody({ head_nik: h.nik, kk: h.kk });
    const first = await expectReceipt(await post(body, headers), 'USL');
    const again = await expectReceipt(await post(body, headers), 'USL');
    expect(again).toEqual(first);
    const second = await post({ ...body, desil_seen: 7 });
    const error = await expectError(second, 422, 'head_nik');
    expect(error.fields).toEqual({ head_nik: msg('sanggah_desil.duplicate_open') });
    const count = await ctx.env.db
      .selectFrom('tickets')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('subject_nik', '=', h.nik)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it('has its own time limits past the kelurahan: the Dinas Sosial checks within 14 days, not 30', async () => {
    const h = await listedHousehold();
    const receipt = await expectReceipt(await post(disputeBody({ head_nik: h.nik, kk: h.kk })), 'USL');
    const { ticket } = await ticketOf(ctx.env.db, receipt.reference);
    const moves: [string, 'rt_rw' | 'kelurahan' | 'dinsos'][] = [
      ['diverifikasi_rt_rw', 'rt_rw'],
      ['dibahas_musyawarah_kelurahan', 'kelurahan'],
      ['verifikasi_lapangan', 'kelurahan'],
      ['validasi_dtks', 'kelurahan'],
    ];
    for (const [to, role] of moves)
      await transitionTicket(ctx.env.db, ctx.env.deps, { ticketId: ticket.id, to, actor: { role, id: '1' } });
    const at = await ctx.env.db
      .selectFrom('tickets')
      .select(['status', 'due_at'])
      .where('id', '=', ticket.id)
      .executeTakeFirstOrThrow();
    expect(at.status).toBe('validasi_dtks');
    // 23 November 2026 (Jakarta) + 14 days; a plain usulan gets 30 (23 December).
    expect(at.due_at?.slice(0, 10)).toBe('2026-12-07');
    await transitionTicket(ctx.env.db, ctx.env.deps, {
      ticketId: ticket.id,
      to: 'disahkan_kepala_daerah',
      actor: { role: 'dinsos', id: '2' },
    });
    const approved = await ctx.env.db
      .selectFrom('tickets')
      .select('due_at')
      .where('id', '=', ticket.id)
      .executeTakeFirstOrThrow();
    expect(approved.due_at?.slice(0, 10)).toBe('2026-11-30');
  });
});

describe('POST /api/v1/usulan: a desil dispute refuses bad input by field', () => {
  it('no fact ticked', async () => {
    const noFact = { facts: msg('sanggah_desil.no_fact') };
    expect(await fieldsOf(await post(disputeBody({ facts: [] })))).toEqual(noFact);
    expect(await fieldsOf(await post(disputeBody({ facts: undefined })))).toEqual(noFact);
  });

  it('a ticked fact with no text, blank text, or text past 500 characters', async () => {
    const fields = await fieldsOf(
      await post(
        disputeBody({
          facts: ['pekerjaan', 'rumah', 'anggota'],
          fact_now: { pekerjaan: '   ', rumah: 'x'.repeat(501) },
        }),
      ),
    );
    expect(fields).toEqual({
      'fact_now.pekerjaan': msg('field.required'),
      'fact_now.rumah': msg('field.too_long?max=500'),
      'fact_now.anggota': msg('field.required'),
    });
    // Huge text never becomes a 5xx.
    const huge = await post(disputeBody({ fact_now: { pekerjaan: 'a'.repeat(200_000), rumah: 'ok ok' } }));
    expect((await fieldsOf(huge))['fact_now.pekerjaan']).toBe(msg('field.too_long?max=500'));
  });

  it('objects, arrays and numbers where text belongs', async () => {
    const fields = await fieldsOf(
      await post(
        disputeBody({
          head_nik: { nik: LISTED_HOUSEHOLD.nik },
          kk: [LISTED_HOUSEHOLD.kk],
          facts: 'pekerjaan',
          fact_now: 'Suami tidak bekerja',
          phone: 812345,
        }),
      ),
    );
    expect(Object.keys(fields).sort()).toEqual(['fact_now', 'facts', 'head_nik', 'kk', 'phone']);
    const nested = await fieldsOf(
      await post(disputeBody({ fact_now: { pekerjaan: { text: 'x' }, rumah: 'ok ok' } })),
    );
    expect(Object.keys(nested)).toEqual(['fact_now.pekerjaan']);
  });

  it('a fact nobody knows, an invalid NIK or KK, a desil outside 1–10, no consent', async () => {
    const fields = await fieldsOf(
      await post(
        disputeBody({
          facts: ['pekerjaan', 'gaji_pns'],
          head_nik: '1234',
          kk: '35760212051500',
          desil_seen: 11,
          consent: false,
        }),
      ),
    );
    expect(fields).toMatchObject({
      'facts.1': msg('field.choose'),
      head_nik: msg('nik.format'),
      kk: expect.any(String),
      desil_seen: msg('sanggah_desil.desil_seen_range'),
      consent: msg('consent.required'),
    });
    for (const desil of [0, 2.5, '7a', -1, '', null])
      expect((await fieldsOf(await post(disputeBody({ desil_seen: desil, facts: [] })))).desil_seen).toBe(
        desil === '' || desil === null ? undefined : msg('sanggah_desil.desil_seen_range'),
      );
  });

  it('a NIK and KK that do not match one listed household: nothing to dispute', async () => {
    const stranger = freshHead();
    const notListed = { head_nik: msg('sanggah_desil.not_listed') };
    expect(await fieldsOf(await post(disputeBody({ head_nik: stranger.nik })))).toEqual(notListed);
    // The listed head's NIK with another household's KK is no match either.
    expect(await fieldsOf(await post(disputeBody({ kk: bst.kk })))).toEqual(notListed);
  });

  it('a purpose nobody knows is refused, not taken for a plain usulan', async () => {
    const unknown = { purpose: msg('field.choose') };
    expect(await fieldsOf(await post(disputeBody({ purpose: 'sanggah_lain' })))).toEqual(unknown);
    expect(await fieldsOf(await post(disputeBody({ purpose: { x: 1 } })))).toEqual(unknown);
  });

  it('HTML and `__proto__` are text like any other, kept as typed and never run', async () => {
    const html = '<script>alert(1)</script><b>rumah</b>';
    const h = await listedHousehold();
    const body = `{"purpose":"sanggah_desil","head_nik":"${h.nik}","kk":"${h.kk}","facts":["lainnya"],"fact_now":{"lainnya":${JSON.stringify(html)},"__proto__":{"polluted":"yes"}},"consent":true,"__proto__":{"admin":true}}`;
    const receipt = await expectReceipt(await post(body), 'USL');
    const { submission } = await ticketOf(ctx.env.db, receipt.reference);
    const payload = JSON.parse(submission.payload);
    expect(payload.fact_now).toEqual({ lainnya: html });
    expect(payload.admin).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('Cek status points an above-ceiling answer at the dispute', () => {
  it('gives dispute_href only where the desil is why', async () => {
    const res = await postJson(ctx.app, '/api/v1/cek', { nik: bst.nik, kk: bst.kk });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      desil: { value: number };
      desil_programs: { program: string; desil_answer: string; dispute_href: string | null }[];
    };
    for (const p of body.desil_programs)
      expect(p.dispute_href).toBe(
        p.desil_answer === 'above_ceiling' ? `/usulan/desil?desil=${body.desil.value}` : null,
      );
    expect(body.desil_programs.some((p) => p.dispute_href !== null)).toBe(true);

    const listed = await postJson(ctx.app, '/api/v1/cek', {
      nik: LISTED_HOUSEHOLD.nik,
      kk: LISTED_HOUSEHOLD.kk,
    });
    const within = (await listed.json()) as { desil_programs: { dispute_href: string | null }[] };
    expect(within.desil_programs.every((p) => p.dispute_href === null)).toBe(true);
  });
});
