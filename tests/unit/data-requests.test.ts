// A resident's UU PDP rights as tickets (issue 22, decision 0033) on both engines: a data request
// proves the household with NIK + KK, is due 72 calendar hours after filing whatever its step,
// and closes only with an outcome — an access request answered (how to collect the export) or
// refused with a reason, a correction request applied through the one register path (exactly one
// field, before → after recorded, audited; /cek shows the new value) or refused with a reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moveCase, openCase } from '../../src/domain/backoffice/case-work.ts';
import type { Officer } from '../../src/domain/backoffice/officer.ts';
import { applyCorrection } from '../../src/domain/backoffice/register-correction.ts';
import { slaState } from '../../src/domain/backoffice/sla.ts';
import { whoViewed } from '../../src/domain/backoffice/viewer-log.ts';
import { checkHouseholdByNik } from '../../src/domain/cek/check-household-by-nik.ts';
import type { DomainDeps } from '../../src/domain/deps.ts';
import { submitDataRequest } from '../../src/domain/privacy/data-request.ts';
import { dueAtFor } from '../../src/domain/tickets/due-dates.ts';
import { DEFAULT_TICKET_SETTINGS } from '../../src/domain/tickets/settings.ts';
import { submitAduan } from '../../src/domain/tickets/submit-aduan.ts';
import type { IncomingAttachment } from '../../src/domain/tickets/submit-ticket.ts';
import { trackTicket } from '../../src/domain/tickets/track-ticket.ts';
import { errorOf, officerNamed } from '../support/domain-calls.ts';
import { FIXED_NOW, openTestDatabase, type TestDatabase } from '../support/test-app.ts';
import { countRows, ticketOf, tinyPng } from '../support/ticket-fixtures.ts';

let env: TestDatabase;
let deps: DomainDeps;
const officers: Record<string, Officer> = {};
/** Wates households (35.76.02.1010), each with its head's NIK and KK, one per test. */
let households: { id: number; kk: string; nik: string; name: string; memberId: number }[] = [];

beforeAll(async () => {
  env = await openTestDatabase();
  deps = env.deps;
  for (const username of ['dinsos.mojokerto', 'dinsos.surabaya', 'kel.wates'])
    officers[username] = await officerNamed(env.db, username);
  households = await env.db
    .selectFrom('household_members as m')
    .innerJoin('households as h', 'h.id', 'm.household_id')
    .select(['h.id', 'h.kk', 'm.nik', 'm.name', 'm.id as memberId'])
    .where('h.village_code', '=', '35.76.02.1010')
    .where('m.relation', '=', 'kepala')
    .orderBy('h.id')
    .limit(12)
    .execute();
  expect(households.length).toBeGreaterThanOrEqual(8);
}, 120_000);
afterAll(async () => {
  await env.close();
});

const officer = (username: string) => officers[username] as Officer;
let keys = 0;
let nextHousehold = 0;
const household = () => {
  const h = households[nextHousehold++];
  if (!h) throw new Error('out of test households');
  return h;
};

function correctionBody(h: { nik: string; kk: string }, overrides: Record<string, unknown> = {}) {
  return {
    request: 'koreksi',
    nik: h.nik,
    kk: h.kk,
    field: 'nama',
    wrong: 'Nama kepala keluarga salah satu huruf',
    right: 'Nama yang benar sesuai KTP',
    phone: '0812 3456 7890',
    consent: true,
    ...overrides,
  };
}

const file = (body: Record<string, unknown>, attachments: IncomingAttachment[] = []) =>
  submitDataRequest(deps, body, {
    idempotencyKey: `data-request:${++keys}:${Date.now()}`,
    locale: 'id',
    attachments,
    clientKey: `resident-${keys}`,
  });

describe('a data request as filed', { timeout: 120_000 }, () => {
  it('refuses bad input at its fields, all at once, and stores nothing', async () => {
    const h = household();
    const before = await countRows(env.db, 'tickets');
    const all = await errorOf(
      file({
        request: 'koreksi',
        nik: '3576021403680009x',
        kk: '123',
        consent: false,
        wrong: 'x'.repeat(201),
      }),
    );
    expect(all.code).toBe('validation_failed');
    expect(all.fields).toMatchObject({
      nik: 'nik.format',
      kk: expect.stringMatching(/^kk\./),
      field: 'data_request.field_required',
      wrong: 'field.too_long?max=200',
      right: 'data_request.right_required',
      consent: 'consent.required',
    });
    // Objects for strings, `__proto__`, an unknown kind of request.
    const odd = await errorOf(
      file({
        ...correctionBody(h),
        request: { $ne: 1 },
        nik: ['x'],
        wrong: { toString: 'x' },
        __proto__: { admin: 1 },
      }),
    );
    expect(odd.fields).toMatchObject({ request: 'field.choose', nik: 'nik.required' });
    expect((await errorOf(file(correctionBody(h, { field: 'desil' })))).fields).toEqual({
      field: 'field.choose',
    });
    // The right NIK with another household's KK proves nothing: refused like an unknown NIK.
    const other = households[households.length - 1] as { kk: string };
    expect((await errorOf(file(correctionBody(h, { kk: other.kk })))).fields).toEqual({
      nik: 'data_request.not_listed',
    });
    // A file under another name, or two documents.
    const png = (field: string): IncomingAttachment => ({ field, bytes: tinyPng(), name: 'ktp.png' });
    expect((await errorOf(file(correctionBody(h), [png('foto')]))).fields).toEqual({ foto: 'field.invalid' });
    expect((await errorOf(file(correctionBody(h), [png('dokumen'), png('dokumen')]))).fields).toEqual({
      dokumen: 'attachment.too_many?max=1',
    });
    expect(await countRows(env.db, 'tickets')).toBe(before);
  });

  it('opens an aduan of its topic in the household’s village, as typed, with the 72-hour clock', async () => {
    const h = household();
    const receipt = await file(correctionBody(h, { wrong: '<script>alert(1)</script>', note: '' }), [
      { field: 'dokumen', bytes: tinyPng(), name: 'ktp.png' },
    ]);
    const { ticket, submission } = await ticketOf(env.db, receipt.reference);
    expect(ticket).toMatchObject({
      kind: 'aduan',
      topic: 'permintaan_koreksi',
      status: 'diterima',
      area_code: '35.76.02.1010',
      household_id: h.id,
      subject_nik: h.nik,
      subject_kk: h.kk,
      // Filed at FIXED_NOW: due exactly 72 hours later, not at the end of a day.
      due_at: new Date(FIXED_NOW.getTime() + 72 * 3_600_000).toISOString(),
    });
    expect(JSON.parse(submission.payload)).toMatchObject({
      request: 'koreksi',
      problem: 'permintaan_koreksi',
      field: 'nama',
      wrong: '<script>alert(1)</script>',
      note: null,
    });
    // The same request again while the first is open: refused, the first one's receipt is the way.
    expect((await errorOf(file(correctionBody(h)))).fields).toEqual({ request: 'data_request.already_open' });
    // An access request of the same person is another request; it keeps no correction fields.
    const access = await file({
      request: 'akses',
      nik: h.nik,
      kk: h.kk,
      field: 'nama',
      wrong: 'x',
      consent: 'ya',
    });
    const payload = JSON.parse((await ticketOf(env.db, access.reference)).submission.payload);
    expect(payload.problem).toBe('permintaan_akses');
    expect(payload.field).toBeUndefined();
  });

  it('names the deadline by the office’s date, also when it falls before 07:00 WIB', async () => {
    // Filed at 03:00 WIB on 24 November (20:00 UTC the day before): due 03:00 WIB on 27 November,
    // which is 26 November in UTC. The receipt and Lacak say the 27th.
    const early = { ...deps, now: () => new Date('2026-11-23T20:00:00Z') };
    const h = household();
    const receipt = await submitDataRequest(early, correctionBody(h), {
      idempotencyKey: `data-request:${++keys}:${Date.now()}`,
      locale: 'id',
      attachments: [],
      clientKey: `resident-${keys}`,
    });
    expect(receipt.due_date).toBe('2026-11-27');
    const { ticket } = await ticketOf(env.db, receipt.reference);
    expect(ticket.due_at).toBe('2026-11-26T20:00:00.000Z');
  });

  it('cannot be filed as an ordinary complaint (no NIK + KK proof there)', async () => {
    const refused = await errorOf(
      submitAduan(
        deps,
        {
          program: 'LAINNYA',
          problem: 'permintaan_akses',
          description: 'Saya ingin melihat data saya.',
          contact: { anonymous: true },
          consent: true,
        },
        { idempotencyKey: `aduan-data:${Date.now()}`, locale: 'id', attachments: [], clientKey: 'resident' },
      ),
    );
    expect(refused.fields).toEqual({ problem: 'data_request.own_form' });
  });
});

describe('the clock of a data request', () => {
  it('is 72 calendar hours from filing in every open step, weekends and holidays counted', () => {
    const settings = { ...DEFAULT_TICKET_SETTINGS, holidays: ['2026-11-28', '2026-11-30'] };
    const friday = new Date('2026-11-27T10:15:00Z');
    for (const topic of ['permintaan_akses', 'permintaan_koreksi'])
      for (const status of ['diterima', 'diteruskan', 'ditindaklanjuti'])
        expect(
          dueAtFor('aduan', status, new Date('2026-11-29T01:00:00Z'), settings, {
            topic,
            openedAt: friday,
          })?.toISOString(),
        ).toBe('2026-11-30T10:15:00.000Z');
    // An ordinary complaint keeps its 3 working days to the end of a Jakarta day.
    expect(dueAtFor('aduan', 'diterima', friday, settings)?.toISOString()).toBe('2026-12-03T16:59:59.999Z');
  });

  it('shows on the SLA board: at risk after 54 hours, breached after 72', async () => {
    const receipt = await file({ request: 'akses', ...household(), consent: true });
    const { ticket } = await ticketOf(env.db, receipt.reference);
    const at = (hours: number) => new Date(FIXED_NOW.getTime() + hours * 3_600_000);
    expect(slaState(ticket, at(53))).toBe('on_track');
    expect(slaState(ticket, at(55))).toBe('at_risk');
    expect(slaState(ticket, at(73))).toBe('breached');
  });
});

describe('answering an access request', { timeout: 120_000 }, () => {
  it('closes from the first step with how to collect it; Lacak says answered, never the data', async () => {
    const h = household();
    const receipt = await file({ request: 'akses', nik: h.nik, kk: h.kk, consent: true });
    const { ticket } = await ticketOf(env.db, receipt.reference);
    const track = { reference: receipt.reference, tracking_code: receipt.tracking_code };
    expect((await trackTicket(deps, track, { clientKey: 'r' })).data_request).toMatchObject({
      request: 'akses',
      outcome: null,
    });
    const file0 = await openCase(deps, officer('dinsos.mojokerto'), ticket.id, 'desk');
    expect(file0.moves.map((m) => m.to)).toContain('selesai');
    // The kelurahan sees the case but does not answer it.
    const kel = await openCase(deps, officer('kel.wates'), ticket.id, 'desk');
    expect(kel.moves.map((m) => m.to)).not.toContain('selesai');
    const close = (who: string, input: Record<string, unknown>) =>
      moveCase(
        deps,
        officer(who),
        { ticketId: ticket.id, to: 'selesai', expectedVersion: ticket.version, ...input },
        'desk',
      );
    for (const outcome of [undefined, '', 'dikoreksi', '__proto__', { a: 1 }])
      expect(
        (await errorOf(close('dinsos.mojokerto', { answer: 'Siap.', dataRequestOutcome: outcome }))).fields,
      ).toEqual({ data_request_outcome: 'data_request.outcome_required' });
    // Refusing or answering needs words for the resident.
    expect(
      (await errorOf(close('dinsos.mojokerto', { answer: '  ', dataRequestOutcome: 'ditolak' }))).fields,
    ).toEqual({ answer: 'ticket.answer_required' });
    expect((await errorOf(close('kel.wates', { answer: 'Siap.', dataRequestOutcome: 'dijawab' }))).code).toBe(
      'forbidden',
    );
    // Another regency's Dinas Sosial: the case does not exist for it.
    expect(
      (await errorOf(close('dinsos.surabaya', { answer: 'Siap.', dataRequestOutcome: 'dijawab' }))).code,
    ).toBe('not_found');
    await close('dinsos.mojokerto', {
      answer: 'Salinan data dapat diambil di meja SLRT Dinas Sosial dengan membawa KTP asli.',
      dataRequestOutcome: 'dijawab',
    });
    const answer = await trackTicket(deps, track, { clientKey: 'r' });
    expect(answer.status).toBe('selesai');
    expect(answer.data_request).toMatchObject({
      request: 'akses',
      outcome: 'dijawab',
      answer: 'Salinan data dapat diambil di meja SLRT Dinas Sosial dengan membawa KTP asli.',
    });
    expect(JSON.stringify(answer)).not.toContain(h.nik);
    expect(JSON.stringify(answer)).not.toContain(h.name);
    const audit = await env.db
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'ticket_move')
      .where('target_id', '=', String(ticket.id))
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.detail ?? '{}')).toMatchObject({
      from: 'diterima',
      to: 'selesai',
      data_request: 'dijawab',
    });
  });

  it('is never referred elsewhere', async () => {
    const receipt = await file({ request: 'akses', ...household(), consent: true });
    let { ticket } = await ticketOf(env.db, receipt.reference);
    await moveCase(
      deps,
      officer('dinsos.mojokerto'),
      { ticketId: ticket.id, to: 'diteruskan', unit: 'dinsos_bidang', expectedVersion: ticket.version },
      'desk',
    );
    ({ ticket } = await ticketOf(env.db, receipt.reference));
    const refused = await errorOf(
      moveCase(
        deps,
        officer('dinsos.mojokerto'),
        { ticketId: ticket.id, to: 'dirujuk', referral: 'Dukcapil', expectedVersion: ticket.version },
        'desk',
      ),
    );
    expect(refused.fields).toEqual({ to: 'data_request.no_referral' });
  });
});

describe('a correction request', { timeout: 120_000 }, () => {
  it('applied: exactly the one field changes, before → after recorded, audited; /cek and Lacak show it', async () => {
    const h = household();
    const receipt = await file(correctionBody(h));
    const { ticket } = await ticketOf(env.db, receipt.reference);
    const snapshot = async () => ({
      household: await env.db
        .selectFrom('households')
        .selectAll()
        .where('id', '=', h.id)
        .executeTakeFirstOrThrow(),
      members: await env.db
        .selectFrom('household_members')
        .selectAll()
        .where('household_id', '=', h.id)
        .orderBy('id')
        .execute(),
    });
    const before = await snapshot();
    const corrected = 'BUDI SANTOSO PRAKOSO';

    // Closing it without the register's change is refused, whatever the outcome says.
    for (const outcome of [undefined, 'dikoreksi', 'dijawab'])
      expect(
        (
          await errorOf(
            moveCase(
              deps,
              officer('dinsos.mojokerto'),
              {
                ticketId: ticket.id,
                to: 'selesai',
                answer: 'Sudah.',
                dataRequestOutcome: outcome,
                expectedVersion: ticket.version,
              },
              'desk',
            ),
          )
        ).fields,
      ).toEqual({ data_request_outcome: 'data_request.apply_or_refuse' });

    const apply = (who: string, input: Record<string, unknown>) =>
      applyCorrection(
        deps,
        officer(who),
        {
          ticketId: ticket.id,
          field: 'name',
          memberId: h.memberId,
          value: corrected,
          answer: 'Nama sudah diperbaiki sesuai KTP.',
          expectedVersion: ticket.version,
          ...input,
        },
        'desk',
      );
    // Forged role, another regency, bad fields: nothing changes.
    expect((await errorOf(apply('kel.wates', {}))).code).toBe('forbidden');
    expect((await errorOf(apply('dinsos.surabaya', {}))).code).toBe('not_found');
    expect((await errorOf(apply('dinsos.mojokerto', { field: 'desil' }))).fields).toEqual({
      field: 'correction.field_choose',
    });
    expect((await errorOf(apply('dinsos.mojokerto', { field: '__proto__' }))).fields).toEqual({
      field: 'correction.field_choose',
    });
    expect((await errorOf(apply('dinsos.mojokerto', { value: { name: 'X' } }))).fields).toEqual({
      value: 'correction.value_required',
    });
    expect((await errorOf(apply('dinsos.mojokerto', { value: 'BUDI 123' }))).fields).toEqual({
      value: 'correction.nama_format',
    });
    // 120 letters, but 160 once upper-cased for the search key (ß → SS): refused, not a database error.
    expect(
      (await errorOf(apply('dinsos.mojokerto', { value: `A${'ß'.repeat(40)} ${'B'.repeat(78)}` }))).fields,
    ).toEqual({
      value: 'correction.nama_too_long',
    });
    expect((await errorOf(apply('dinsos.mojokerto', { value: 'X'.repeat(121) }))).fields).toEqual({
      value: 'correction.nama_too_long',
    });
    expect(
      (await errorOf(apply('dinsos.mojokerto', { field: 'address', value: 'Jl. '.repeat(60) }))).fields,
    ).toEqual({
      value: 'field.too_long?max=200',
    });
    expect((await errorOf(apply('dinsos.mojokerto', { value: h.name }))).fields).toEqual({
      value: 'correction.unchanged',
    });
    expect((await errorOf(apply('dinsos.mojokerto', { field: 'rt', value: 'RT lima' }))).fields).toEqual({
      value: 'correction.rt_rw_format',
    });
    expect((await errorOf(apply('dinsos.mojokerto', { answer: '' }))).fields).toEqual({
      answer: 'ticket.answer_required',
    });
    // A member of another household is not this household's.
    const stranger = households[households.length - 1] as { memberId: number };
    expect((await errorOf(apply('dinsos.mojokerto', { memberId: stranger.memberId }))).fields).toEqual({
      member: 'correction.member_choose',
    });
    expect(
      (await errorOf(apply('dinsos.mojokerto', { expectedVersion: ticket.version + 5 }))).fields,
    ).toEqual({
      to: 'ticket.changed_meanwhile',
    });
    expect(await snapshot()).toEqual(before);
    expect(await countRows(env.db, 'register_corrections')).toBe(0);

    const result = await apply('dinsos.mojokerto', {});
    expect(result.status).toBe('selesai');
    const after = await snapshot();
    expect(after.household).toEqual(before.household);
    expect(after.members).toEqual(
      before.members.map((m) =>
        m.id === h.memberId ? { ...m, name: corrected, name_search: 'BUDI SANTOSO PRAKOSO' } : m,
      ),
    );
    const rows = await env.db
      .selectFrom('register_corrections')
      .selectAll()
      .where('ticket_id', '=', ticket.id)
      .execute();
    expect(rows).toEqual([
      expect.objectContaining({
        household_id: h.id,
        member_id: h.memberId,
        field: 'name',
        before_value: h.name,
        after_value: corrected,
        actor_id: officer('dinsos.mojokerto').id,
      }),
    ]);
    const audit = await env.db
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('target_id', '=', String(ticket.id))
      .where('action', 'in', ['register_correction', 'ticket_move'])
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['ticket_move', 'register_correction']);
    expect(JSON.parse(audit[1]?.detail ?? '{}')).toEqual({
      field: 'name',
      household_id: h.id,
      correction_id: rows[0]?.id,
    });
    // The log holds no name, neither the old nor the new one; the person is named by key.
    expect(JSON.stringify(audit)).not.toContain(corrected);
    expect(JSON.stringify(audit)).not.toContain(h.name);
    expect((await whoViewed(deps, h.nik)).map((v) => v.action)).toContain('register_correction');

    // /cek answers with the corrected name (masked as ever).
    const cek = await checkHouseholdByNik(deps, { nik: h.nik, kk: h.kk }, { clientKey: 'cek-after' });
    expect(cek.found && cek.person.name).toBe('B**I S*****O P*****O');
    const track = await trackTicket(
      deps,
      { reference: receipt.reference, tracking_code: receipt.tracking_code },
      { clientKey: 'r' },
    );
    expect(track.data_request).toMatchObject({
      request: 'koreksi',
      outcome: 'dikoreksi',
      answer: 'Nama sudah diperbaiki sesuai KTP.',
    });
    // Closed: a second application changes nothing.
    expect(
      (
        await errorOf(
          apply('dinsos.mojokerto', {
            value: 'BUDI LAIN',
            expectedVersion: (await ticketOf(env.db, receipt.reference)).ticket.version,
          }),
        )
      ).code,
    ).toBe('transition_not_allowed');
    expect(await countRows(env.db, 'register_corrections')).toBe(1);
  });

  it('applied to an address field: the household’s RT changes and nothing else', async () => {
    const h = household();
    const receipt = await file(correctionBody(h, { field: 'alamat', wrong: 'RT 001', right: 'RT 007' }));
    const { ticket } = await ticketOf(env.db, receipt.reference);
    const before = await env.db
      .selectFrom('households')
      .selectAll()
      .where('id', '=', h.id)
      .executeTakeFirstOrThrow();
    const value = before.rt === '007' ? '8' : '7';
    await applyCorrection(
      deps,
      officer('dinsos.mojokerto'),
      { ticketId: ticket.id, field: 'rt', value, answer: 'RT diperbaiki.', expectedVersion: ticket.version },
      'desk',
    );
    const after = await env.db
      .selectFrom('households')
      .selectAll()
      .where('id', '=', h.id)
      .executeTakeFirstOrThrow();
    expect(after).toEqual({ ...before, rt: value.padStart(3, '0') });
  });

  it('refused: needs a reason, which Lacak shows; the register is untouched', async () => {
    const h = household();
    const receipt = await file(correctionBody(h, { field: 'anggota' }));
    const { ticket } = await ticketOf(env.db, receipt.reference);
    const refuse = (answer: string) =>
      moveCase(
        deps,
        officer('dinsos.mojokerto'),
        {
          ticketId: ticket.id,
          to: 'selesai',
          answer,
          dataRequestOutcome: 'ditolak',
          expectedVersion: ticket.version,
        },
        'desk',
      );
    expect((await errorOf(refuse(''))).fields).toEqual({ answer: 'ticket.answer_required' });
    expect((await errorOf(refuse('x'.repeat(4001)))).fields).toEqual({ answer: 'ticket.answer_too_long' });
    const corrections = await countRows(env.db, 'register_corrections');
    await refuse('Anggota keluarga berubah melalui Dukcapil: bawa KK baru ke kelurahan.');
    const track = await trackTicket(
      deps,
      { reference: receipt.reference, tracking_code: receipt.tracking_code },
      { clientKey: 'r' },
    );
    expect(track.data_request).toMatchObject({
      outcome: 'ditolak',
      answer: 'Anggota keluarga berubah melalui Dukcapil: bawa KK baru ke kelurahan.',
    });
    expect(await countRows(env.db, 'register_corrections')).toBe(corrections);
  });

  it('the correction path refuses a case that is no correction request', async () => {
    const receipt = await file({ request: 'akses', ...household(), consent: true });
    const { ticket } = await ticketOf(env.db, receipt.reference);
    const refused = await errorOf(
      applyCorrection(
        deps,
        officer('dinsos.mojokerto'),
        { ticketId: ticket.id, field: 'rt', value: '9', answer: 'x', expectedVersion: ticket.version },
        'desk',
      ),
    );
    expect(refused.fields).toEqual({ field: 'correction.not_a_correction_request' });
  });
});
