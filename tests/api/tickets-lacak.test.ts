// Lacak: reference + tracking code → where the ticket stands; answering a correction request;
// reopening a finished complaint once.
import { describe, expect, it } from 'vitest';
import { transitionTicket } from '../../src/domain/tickets/ticket-repository.ts';
import { createApp } from '../../src/server/app.ts';
import { FIXED_NOW, silentLogger, useTestApp } from '../support/test-app.ts';
import {
  aduanBody,
  expectError,
  expectReceipt,
  expectStoredFile,
  postJson,
  postMultipart,
  type Receipt201,
  storedFiles,
  type TestApp,
  ticketOf,
  tinyGif,
  tinyPng,
  usulanBody,
} from '../support/ticket-fixtures.ts';

const ctx = useTestApp();

const track = (body: unknown, on: TestApp = ctx.app) => postJson(on, '/api/v1/lacak', body);
const reopen = (body: unknown) => postJson(ctx.app, '/api/v1/lacak/buka-kembali', body);
const kelurahan = { role: 'kelurahan' as const, id: 'u1' };
const dinsos = { role: 'dinsos' as const, id: 'slrt-1' };
const rtRw = { role: 'rt_rw' as const, id: 'rt-1' };

async function newAduan(): Promise<Receipt201 & { ticketId: number }> {
  const receipt = await expectReceipt(await postJson(ctx.app, '/api/v1/aduan', aduanBody()), 'ADU');
  return { ...receipt, ticketId: (await ticketOf(ctx.env.db, receipt.reference)).ticket.id };
}

async function newUsulan(): Promise<Receipt201 & { ticketId: number }> {
  const receipt = await expectReceipt(await postJson(ctx.app, '/api/v1/usulan', usulanBody()), 'USL');
  return { ...receipt, ticketId: (await ticketOf(ctx.env.db, receipt.reference)).ticket.id };
}

/** An aduan walked to `selesai` by the SLRT desk. */
async function answeredAduan() {
  const t = await newAduan();
  await finishAduan(
    t.ticketId,
    'Kartu KKS sudah diganti oleh bank penyalur; silakan ambil di kantor cabang.',
  );
  return t;
}

/** The SLRT desk forwards an aduan to the paying bank, acts on it and answers it. */
async function finishAduan(ticketId: number, answer: string) {
  await transitionTicket(ctx.env.db, ctx.env.deps, {
    ticketId,
    to: 'diteruskan',
    actor: kelurahan,
    unit: 'bank_penyalur',
  });
  await transitionTicket(ctx.env.db, ctx.env.deps, { ticketId, to: 'ditindaklanjuti', actor: kelurahan });
  await transitionTicket(ctx.env.db, ctx.env.deps, { ticketId, to: 'selesai', actor: dinsos, answer });
}

/** A usulan at the kelurahan step, sent back to the resident for corrections. */
async function usulanNeedingCorrection() {
  const t = await newUsulan();
  await transitionTicket(ctx.env.db, ctx.env.deps, {
    ticketId: t.ticketId,
    to: 'diverifikasi_rt_rw',
    actor: rtRw,
  });
  await transitionTicket(ctx.env.db, ctx.env.deps, {
    ticketId: t.ticketId,
    to: 'perlu_perbaikan',
    actor: kelurahan,
    note: 'Foto KK buram; kirim foto KK yang jelas.',
  });
  return t;
}

describe('POST /api/v1/lacak', () => {
  it('answers 200 with kind, status, due date, overdue and the timeline', async () => {
    const t = await newAduan();
    const res = await track({ reference: t.reference, tracking_code: t.tracking_code });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({
      reference: t.reference,
      kind: 'aduan',
      status: 'diterima',
      open: true,
      responsible_role: 'dinsos',
      due_date: '2026-11-26',
      overdue: false,
      submitted_at: FIXED_NOW.toISOString(),
      can_respond: false,
      can_reopen: false,
      timeline: [{ at: FIXED_NOW.toISOString(), status: 'diterima', note: null }],
    });
    expect(JSON.stringify(body)).not.toContain(t.tracking_code);
  });

  it('reads the reference and code as people type them', async () => {
    const t = await newAduan();
    const sloppy = {
      reference: ` ${t.reference.toLowerCase().replace('-', ' ')} `,
      tracking_code: t.tracking_code.toLowerCase().replace('-', ''),
    };
    const res = await track(sloppy);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { reference: string }).reference).toBe(t.reference);
  });

  it('answers a wrong code and an unknown reference with byte-identical 404s', async () => {
    const t = await newAduan();
    const wrongCode = t.tracking_code.startsWith('A')
      ? `B${t.tracking_code.slice(1)}`
      : `A${t.tracking_code.slice(1)}`;
    const answers = await Promise.all([
      track({ reference: t.reference, tracking_code: wrongCode }),
      track({ reference: 'ADU-22222222', tracking_code: t.tracking_code }),
      track({ reference: 'USL-ZZZZZZZZ', tracking_code: 'ABCDE-FGH23' }),
      track({ reference: 'not a reference', tracking_code: t.tracking_code }),
      track({ reference: t.reference, tracking_code: 'nope' }),
    ]);
    const texts = await Promise.all(answers.map((r) => r.text()));
    expect(answers.map((r) => r.status)).toEqual([404, 404, 404, 404, 404]);
    for (const text of texts) expect(text).toBe(texts[0]);
    expect(JSON.parse(texts[0] as string)).toMatchObject({ error: { code: 'not_found' } });
    expect(texts[0]).not.toContain(t.reference);
  });

  it('answers an empty field "required", alike for a ticket that exists and one that does not', async () => {
    const t = await newAduan();
    const answers = await Promise.all([
      track({ reference: t.reference, tracking_code: '' }),
      track({ reference: 'ADU-22222222', tracking_code: '  ' }),
    ]);
    expect(answers.map((r) => r.status)).toEqual([422, 422]);
    const [known, unknown] = await Promise.all(answers.map((r) => r.json()));
    expect(known).toEqual(unknown);
    expect(known).toMatchObject({ error: { code: 'validation_failed', field: 'tracking_code' } });
    const empty = await track({ reference: '', tracking_code: '' });
    expect(empty.status).toBe(422);
    expect(await empty.json()).toMatchObject({ error: { field: 'reference' } });
  });

  it('says overdue once the clock passes the due date, and not before', async () => {
    const t = await newAduan();
    const at = (iso: string) =>
      createApp({ deps: { ...ctx.env.deps, now: () => new Date(iso) }, logger: silentLogger });
    // Due 26 November: the whole of that day in Jakarta (UTC+7) is still on time.
    const lastMinute = await track(
      { reference: t.reference, tracking_code: t.tracking_code },
      at('2026-11-26T16:59:00Z'),
    );
    expect(await lastMinute.json()).toMatchObject({ due_date: '2026-11-26', overdue: false });
    const later = await track(
      { reference: t.reference, tracking_code: t.tracking_code },
      at('2026-11-27T01:00:00Z'),
    );
    expect(later.status).toBe(200);
    expect(await later.json()).toMatchObject({ status: 'diterima', due_date: '2026-11-26', overdue: true });
    const muchLater = await track(
      { reference: t.reference, tracking_code: t.tracking_code },
      at('2027-06-01T00:00:00Z'),
    );
    expect(await muchLater.json()).toMatchObject({ status: 'diterima', overdue: true, open: true });
  });

  it('shows the notes and answers the resident may see, and hides the others', async () => {
    const t = await newAduan();
    await transitionTicket(ctx.env.db, ctx.env.deps, {
      ticketId: t.ticketId,
      to: 'diteruskan',
      actor: kelurahan,
      unit: 'pendamping_pkh',
      note: 'Catatan internal: pendamping sedang cuti.',
      noteAudience: 'internal',
      visibleToResident: false,
    });
    await transitionTicket(ctx.env.db, ctx.env.deps, {
      ticketId: t.ticketId,
      to: 'ditindaklanjuti',
      actor: kelurahan,
      note: 'Pendamping PKH sudah menghubungi bank.',
      noteAudience: 'resident',
    });
    const res = await track({ reference: t.reference, tracking_code: t.tracking_code });
    const body = (await res.json()) as {
      status: string;
      responsible_unit: string;
      timeline: { status: string; note: string | null }[];
    };
    expect(body.status).toBe('ditindaklanjuti');
    expect(body.responsible_unit).toBe('pendamping_pkh');
    expect(body.timeline.map((e) => e.status)).toEqual(['diterima', 'ditindaklanjuti']);
    expect(body.timeline[1]?.note).toBe('Pendamping PKH sudah menghubungi bank.');
    expect(JSON.stringify(body)).not.toContain('internal');
  });

  it('tracks a demo ticket by the reference and code the README lists', async () => {
    const res = await track({ reference: 'ADU-7KQ4M9XP', tracking_code: 'SRS4K-7QWXM' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ kind: 'aduan', status: 'selesai', open: false, overdue: false });
  });

  it.each([
    ['[]', 422],
    ['null', 422],
    ['{"reference":1,"tracking_code":2}', 422],
    [JSON.stringify({ reference: 'A'.repeat(1000), tracking_code: 'ABCDE-FGH23' }), 422],
    ['{"reference":', 400],
  ])('answers the body %s with %i', async (body, status) => {
    await expectError(await track(body), status);
  });

  it('refuses another content type with 415', async () => {
    const res = await ctx.app.request('/api/v1/lacak', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'reference=ADU-7KQ4M9XP&tracking_code=SRS4K-7QWXM',
    });
    await expectError(res, 415);
  });
});

describe('POST /api/v1/lacak/perbaikan', () => {
  it('returns the case to the step that asked and keeps the new attachment', async () => {
    const t = await usulanNeedingCorrection();
    const before = await (await track({ reference: t.reference, tracking_code: t.tracking_code })).json();
    expect(before).toMatchObject({ status: 'perlu_perbaikan', can_respond: true, responsible_role: 'warga' });
    expect((before as { timeline: { note: string | null }[] }).timeline.at(-1)?.note).toBe(
      'Foto KK buram; kirim foto KK yang jelas.',
    );

    const photo = tinyPng();
    const correction = 'Foto KK yang jelas sudah saya lampirkan.';
    const res = await postMultipart(
      ctx.app,
      '/api/v1/lacak/perbaikan',
      { reference: t.reference, tracking_code: t.tracking_code, correction },
      [{ field: 'foto_kk', bytes: photo, name: 'kk-baru.png', type: 'image/png' }],
    );
    expect(res.status, await res.clone().text()).toBe(200);
    const answer = (await res.json()) as {
      status: string;
      can_respond: boolean;
      timeline: { status: string; note: string | null; files: unknown[] }[];
    };
    expect(answer.status).toBe('diverifikasi_rt_rw');
    expect(answer.can_respond).toBe(false);
    // The file she sent, by its name and size as sent; no stored name, path or digest.
    expect(answer.timeline.at(-1)).toEqual({
      at: expect.any(String),
      status: 'diverifikasi_rt_rw',
      note: correction,
      by: 'resident',
      files: [{ field: 'foto_kk', name: 'kk-baru.png', size: photo.length }],
    });
    // The office's steps carry none, nor does the submission's own first step.
    expect(answer.timeline.slice(0, -1).every((e) => e.files.length === 0)).toBe(true);

    const ticket = await ctx.env.db
      .selectFrom('tickets')
      .selectAll()
      .where('id', '=', t.ticketId)
      .executeTakeFirstOrThrow();
    expect(ticket).toMatchObject({
      status: 'diverifikasi_rt_rw',
      return_to: null,
      responsible_role: 'kelurahan',
    });
    const events = await ctx.env.db
      .selectFrom('ticket_events')
      .selectAll()
      .where('ticket_id', '=', t.ticketId)
      .orderBy('id')
      .execute();
    expect(events.map((e) => [e.from_status, e.to_status, e.actor_role])).toEqual([
      [null, 'diajukan', 'warga'],
      ['diajukan', 'diverifikasi_rt_rw', 'rt_rw'],
      ['diverifikasi_rt_rw', 'perlu_perbaikan', 'kelurahan'],
      ['perlu_perbaikan', 'diverifikasi_rt_rw', 'warga'],
    ]);
    const last = events.at(-1);
    expect(last?.note).toBe(correction);
    expect(JSON.parse(last?.data ?? '{}')).toMatchObject({ correction });

    const rows = await ctx.env.db
      .selectFrom('ticket_attachments')
      .selectAll()
      .where('ticket_id', '=', t.ticketId)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      event_id: last?.id,
      submission_id: null,
      purpose: 'foto_kk',
      content_type: 'image/png',
      original_name: 'kk-baru.png',
      original_size: photo.length,
    });
    await expectStoredFile(ctx.env.deps, rows[0] as NonNullable<(typeof rows)[0]>, photo);

    // Answered once: a second answer finds nothing to answer.
    const again = await postJson(ctx.app, '/api/v1/lacak/perbaikan', {
      reference: t.reference,
      tracking_code: t.tracking_code,
      correction,
    });
    expect((await expectError(again, 409)).code).toBe('transition_not_allowed');
  });

  it('returns a case the RT/RW sent back to the RT/RW step, over JSON', async () => {
    const t = await newUsulan();
    await transitionTicket(ctx.env.db, ctx.env.deps, {
      ticketId: t.ticketId,
      to: 'perlu_perbaikan',
      actor: rtRw,
      note: 'Nomor RT salah.',
      noteAudience: 'resident',
    });
    const res = await postJson(ctx.app, '/api/v1/lacak/perbaikan', {
      reference: t.reference,
      tracking_code: t.tracking_code,
      correction: 'RT yang benar 003, RW 004.',
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'diajukan', due_date: '2026-11-26' });
  });

  it('accepts a new attachment as the whole answer', async () => {
    const t = await usulanNeedingCorrection();
    const res = await postMultipart(
      ctx.app,
      '/api/v1/lacak/perbaikan',
      { reference: t.reference, tracking_code: t.tracking_code },
      [{ field: 'foto_kk', bytes: tinyPng(), name: 'kk.png', type: 'image/png' }],
    );
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'diverifikasi_rt_rw' });
  });

  it('refuses a wrong code like Lacak does, a refused file with 415, and leaves the case as it was', async () => {
    const t = await usulanNeedingCorrection();
    const before = await storedFiles(ctx.env.deps);
    const wrong = await postJson(ctx.app, '/api/v1/lacak/perbaikan', {
      reference: t.reference,
      tracking_code: 'ABCDE-FGH23',
      correction: 'Sudah saya perbaiki.',
    });
    const unknown = await track({ reference: t.reference, tracking_code: 'ABCDE-FGH23' });
    expect(wrong.status).toBe(404);
    expect(await wrong.text()).toBe(await unknown.text());
    await expectError(
      await postMultipart(
        ctx.app,
        '/api/v1/lacak/perbaikan',
        { reference: t.reference, tracking_code: t.tracking_code, correction: 'Foto baru.' },
        [{ field: 'foto_kk', bytes: tinyGif(), name: 'kk.jpg', type: 'image/jpeg' }],
      ),
      415,
      'foto_kk',
    );
    await expectError(
      await postJson(ctx.app, '/api/v1/lacak/perbaikan', {
        reference: t.reference,
        tracking_code: t.tracking_code,
        correction: 'x'.repeat(10_000),
      }),
      422,
      'correction',
    );
    expect(await storedFiles(ctx.env.deps)).toEqual(before);
    const ticket = await ctx.env.db
      .selectFrom('tickets')
      .select('status')
      .where('id', '=', t.ticketId)
      .executeTakeFirstOrThrow();
    expect(ticket.status).toBe('perlu_perbaikan');
  });

  it('refuses to answer a case that asked for nothing with 409', async () => {
    const t = await newAduan();
    const res = await postJson(ctx.app, '/api/v1/lacak/perbaikan', {
      reference: t.reference,
      tracking_code: t.tracking_code,
      correction: 'Tambahan keterangan.',
    });
    await expectError(res, 409);
  });
});

describe('POST /api/v1/lacak/buka-kembali', () => {
  it('reopens a finished complaint once; a second time is 409', async () => {
    const t = await answeredAduan();
    const tracked = await (await track({ reference: t.reference, tracking_code: t.tracking_code })).json();
    expect(tracked).toMatchObject({ status: 'selesai', open: false, can_reopen: true, overdue: false });
    expect(JSON.stringify(tracked)).toContain('Kartu KKS sudah diganti');

    const res = await reopen({
      reference: t.reference,
      tracking_code: t.tracking_code,
      reason: 'Saldo belum masuk.',
    });
    expect(res.status, await res.clone().text()).toBe(200);
    // Back with the bank that answered it, at its step (decision 0025); the resident reads who.
    const reopened = await res.json();
    expect(reopened).toMatchObject({
      status: 'ditindaklanjuti',
      open: true,
      can_reopen: false,
      responsible_role: 'dinsos',
      responsible_unit: 'bank_penyalur',
    });
    expect(reopened.timeline.at(-1)).toMatchObject({
      by: 'resident',
      status: 'ditindaklanjuti',
      note: 'Saldo belum masuk.',
      now_with: { unit: 'bank_penyalur', unit_unavailable: false },
    });
    const ticket = await ctx.env.db
      .selectFrom('tickets')
      .selectAll()
      .where('id', '=', t.ticketId)
      .executeTakeFirstOrThrow();
    expect(ticket).toMatchObject({
      status: 'ditindaklanjuti',
      reopen_count: 1,
      closed_at: null,
      responsible_unit: 'bank_penyalur',
    });
    const last = await ctx.env.db
      .selectFrom('ticket_events')
      .selectAll()
      .where('ticket_id', '=', t.ticketId)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(last).toMatchObject({
      from_status: 'selesai',
      to_status: 'ditindaklanjuti',
      actor_role: 'warga',
      note: 'Saldo belum masuk.',
    });

    // At once again: the case is open, nothing to reopen.
    const twice = await reopen({
      reference: t.reference,
      tracking_code: t.tracking_code,
      reason: 'Saldo belum masuk.',
    });
    expect((await expectError(twice, 409)).code).toBe('transition_not_allowed');

    // Finished a second time: the one reopening is used up.
    await transitionTicket(ctx.env.db, ctx.env.deps, {
      ticketId: t.ticketId,
      to: 'selesai',
      actor: dinsos,
      answer: 'Saldo sudah masuk.',
    });
    expect(
      await (await track({ reference: t.reference, tracking_code: t.tracking_code })).json(),
    ).toMatchObject({
      status: 'selesai',
      can_reopen: false,
    });
    const third = await reopen({
      reference: t.reference,
      tracking_code: t.tracking_code,
      reason: 'Masih belum beres.',
    });
    expect((await expectError(third, 409)).code).toBe('transition_not_allowed');
    expect(
      (
        await ctx.env.db
          .selectFrom('tickets')
          .select('status')
          .where('id', '=', t.ticketId)
          .executeTakeFirstOrThrow()
      ).status,
    ).toBe('selesai');
  });

  it('takes a reason of a whole sentence', async () => {
    const t = await answeredAduan();
    const reason = 'Kartu sudah diganti tetapi saldo Desember belum masuk sampai sekarang.';
    const res = await reopen({ reference: t.reference, tracking_code: t.tracking_code, reason });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ditindaklanjuti' });
  });

  it('reopens a referred complaint too', async () => {
    const t = await newAduan();
    await transitionTicket(ctx.env.db, ctx.env.deps, {
      ticketId: t.ticketId,
      to: 'diteruskan',
      actor: kelurahan,
      unit: 'dukcapil',
    });
    await transitionTicket(ctx.env.db, ctx.env.deps, {
      ticketId: t.ticketId,
      to: 'dirujuk',
      actor: dinsos,
      referral: 'Datang ke Dispendukcapil untuk perbaikan data.',
    });
    const res = await reopen({
      reference: t.reference,
      tracking_code: t.tracking_code,
      reason: 'Sudah ke sana.',
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'diteruskan', responsible_unit: 'dukcapil' });
  });

  it('refuses an open complaint, a proposal, a wrong code and a missing reason', async () => {
    const open = await newAduan();
    await expectError(
      await reopen({ reference: open.reference, tracking_code: open.tracking_code, reason: 'Belum beres.' }),
      409,
    );
    const usulan = await newUsulan();
    await expectError(
      await reopen({
        reference: usulan.reference,
        tracking_code: usulan.tracking_code,
        reason: 'Belum beres.',
      }),
      409,
    );
    const done = await answeredAduan();
    await expectError(
      await reopen({ reference: done.reference, tracking_code: 'ABCDE-FGH23', reason: 'Belum beres.' }),
      404,
    );
    await expectError(
      await reopen({ reference: done.reference, tracking_code: done.tracking_code }),
      422,
      'reason',
    );
    await expectError(
      await reopen({ reference: done.reference, tracking_code: done.tracking_code, reason: '' }),
      422,
      'reason',
    );
    expect(
      (
        await ctx.env.db
          .selectFrom('tickets')
          .select('status')
          .where('id', '=', done.ticketId)
          .executeTakeFirstOrThrow()
      ).status,
    ).toBe('selesai');
  });
});
