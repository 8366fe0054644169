// POST /api/v1/usulan: a household proposed for DTKS, over JSON and multipart, with everything a
// resident (or a retrying phone) can get wrong.
import { describe, expect, it } from 'vitest';
import { composeNik } from '../../src/domain/nik/nik.ts';
import { transitionTicket } from '../../src/domain/tickets/ticket-repository.ts';
import { createApp } from '../../src/server/app.ts';
import { silentLogger, useTestApp } from '../support/test-app.ts';
import {
  countRows,
  DISTRICT,
  expectCodeNotStored,
  expectError,
  expectReceipt,
  expectStoredFile,
  freshHead,
  htmlPage,
  LISTED_HOUSEHOLD,
  postJson,
  postMultipart,
  storedFiles,
  svgImage,
  ticketOf,
  tinyGif,
  tinyJpeg,
  tinyPdf,
  tinyPng,
  usulanBody,
} from '../support/ticket-fixtures.ts';

const ctx = useTestApp();

const ENDPOINT = '/api/v1/usulan';
const post = (body: unknown, headers: Record<string, string> = {}) =>
  postJson(ctx.app, ENDPOINT, body, headers);

async function ticketsFor(nik: string) {
  return ctx.env.db.selectFrom('tickets').selectAll().where('subject_nik', '=', nik).execute();
}

describe('POST /api/v1/usulan: a proposal is recorded', () => {
  it('answers 201 with the receipt and records the ticket, submission and first event', async () => {
    const body = usulanBody({ email: 'Budi.Santoso@Example.com' });
    const receipt = await expectReceipt(await post(body), 'USL');
    expect(receipt.status).toBe('diajukan');
    // usulan.diajukan: 3 calendar days from Monday 23 November 2026 (Jakarta).
    expect(ctx.env.deps.tickets.due['usulan.diajukan']).toEqual({ days: 3, workingDays: false });
    expect(receipt.due_date).toBe('2026-11-26');

    const { ticket, submission } = await ticketOf(ctx.env.db, receipt.reference);
    expect(ticket).toMatchObject({
      kind: 'usulan',
      status: 'diajukan',
      responsible_role: 'rt_rw',
      area_code: '35.76.01.1003',
      subject_nik: body.head_nik,
      subject_kk: body.kk,
      closed_at: null,
      reopen_count: 0,
    });
    expect(ticket.due_at?.slice(0, 10)).toBe('2026-11-26');
    expect(submission.tracking_code_hash).toMatch(/^hmac\$/);
    expect(submission.locale).toBe('id');
    expect(JSON.parse(submission.contact ?? 'null')).toEqual({
      name: 'Slamet Widodo',
      phone: '+6281234567890',
      email: 'budi.santoso@example.com',
    });
    const payload = JSON.parse(submission.payload);
    expect(payload).toMatchObject({ head_nik: body.head_nik, kk: body.kk, socio: body.socio });

    const events = await ctx.env.db
      .selectFrom('ticket_events')
      .selectAll()
      .where('ticket_id', '=', ticket.id)
      .execute();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      from_status: null,
      to_status: 'diajukan',
      actor_role: 'warga',
      actor_id: null,
      visible_to_resident: 1,
    });
    await expectCodeNotStored(ctx.env.db, receipt.tracking_code);
  });

  it('accepts multipart with a `data` field and the three photos, stored under server-made names', async () => {
    const before = await storedFiles(ctx.env.deps);
    const files = [
      { field: 'foto_ktp', bytes: tinyJpeg(), name: 'KTP Pak Budi.jpg', type: 'image/jpeg' },
      { field: 'foto_kk', bytes: tinyPdf(), name: 'kk.pdf', type: 'application/pdf' },
      { field: 'foto_rumah', bytes: tinyPng(), name: '../../rumah.png', type: 'image/png' },
    ];
    const body = usulanBody();
    const receipt = await expectReceipt(await postMultipart(ctx.app, ENDPOINT, body, files), 'USL');
    const { ticket, submission } = await ticketOf(ctx.env.db, receipt.reference);
    const rows = await ctx.env.db
      .selectFrom('ticket_attachments')
      .selectAll()
      .where('ticket_id', '=', ticket.id)
      .orderBy('id')
      .execute();
    expect(rows.map((r) => [r.purpose, r.content_type])).toEqual([
      ['foto_ktp', 'image/jpeg'],
      ['foto_kk', 'application/pdf'],
      ['foto_rumah', 'image/png'],
    ]);
    for (const [i, row] of rows.entries()) {
      const file = files[i] as (typeof files)[number];
      expect(row.submission_id).toBe(submission.id);
      expect(row.stored_name).toMatch(/^\d{4}\/\d{2}\/[0-9a-f-]{36}\.(jpg|pdf|png)$/);
      await expectStoredFile(ctx.env.deps, row, file.bytes);
    }
    expect(await storedFiles(ctx.env.deps)).toEqual([...before, ...rows.map((r) => r.stored_name)].sort());
    expect(JSON.parse(submission.payload).head_nik).toBe(body.head_nik);
  });

  it('counts the due date from the clock: submitted on a Friday, due the Monday after', async () => {
    const friday = createApp({
      deps: { ...ctx.env.deps, now: () => new Date('2026-11-27T03:00:00Z') },
      logger: silentLogger,
    });
    const receipt = await expectReceipt(await postJson(friday, ENDPOINT, usulanBody()), 'USL');
    expect(receipt.due_date).toBe('2026-11-30');
  });

  it('draws a different, non-sequential reference each time', async () => {
    const refs = [];
    for (let i = 0; i < 4; i++) refs.push((await expectReceipt(await post(usulanBody()), 'USL')).reference);
    expect(new Set(refs).size).toBe(4);
  });
});

describe('Idempotency-Key', () => {
  it('same key and same body: the same 201 body and one ticket', async () => {
    const body = usulanBody();
    const headers = { 'idempotency-key': 'usulan-same-key-1' };
    const first = await post(body, headers);
    const second = await post(body, headers);
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(await second.text()).toBe(await first.text());
    expect(await ticketsFor(body.head_nik)).toHaveLength(1);
  });

  it('same key with another body: 422 naming the key, nothing new recorded', async () => {
    const body = usulanBody();
    const headers = { 'idempotency-key': 'usulan-same-key-2' };
    await expectReceipt(await post(body, headers), 'USL');
    const tickets = await countRows(ctx.env.db, 'tickets');
    const err = await expectError(
      await post({ ...body, address: 'Jl. Lain No. 9' }, headers),
      422,
      'idempotency_key',
    );
    expect(err.code).toBe('validation_failed');
    const other = usulanBody();
    await expectError(await post(other, headers), 422, 'idempotency_key');
    expect(await countRows(ctx.env.db, 'tickets')).toBe(tickets);
    expect(await ticketsFor(other.head_nik)).toHaveLength(0);
  });

  it('five identical requests at once with one key: five identical 201s, one ticket', async () => {
    const body = usulanBody();
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => post(body, { 'idempotency-key': 'usulan-concurrent-1' })),
    );
    expect(answers.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    const texts = await Promise.all(answers.map((r) => r.text()));
    expect(new Set(texts).size).toBe(1);
    expect(await ticketsFor(body.head_nik)).toHaveLength(1);
    const submissions = await ctx.env.db
      .selectFrom('ticket_submissions')
      .select('id')
      .where('idempotency_key', '=', 'api:usulan-concurrent-1')
      .execute();
    expect(submissions).toHaveLength(1);
  });

  it('five identical requests at once without a key: one ticket, the others told it exists', async () => {
    const body = usulanBody();
    const answers = await Promise.all(Array.from({ length: 5 }, () => post(body)));
    const statuses = answers.map((r) => r.status).sort();
    expect(await ticketsFor(body.head_nik)).toHaveLength(1);
    expect(statuses).toEqual([201, 422, 422, 422, 422]);
  });

  it('refuses a malformed key with 422', async () => {
    await expectError(await post(usulanBody(), { 'idempotency-key': 'short' }), 422, 'idempotency_key');
    await expectError(
      await post(usulanBody(), { 'idempotency-key': 'bad key with spaces' }),
      422,
      'idempotency_key',
    );
  });
});

describe('the household', () => {
  it('a listed household (NIK and KK of a demo household) is sent to Cek status', async () => {
    const before = await countRows(ctx.env.db, 'tickets');
    const err = await expectError(
      await post(
        usulanBody({
          head_nik: LISTED_HOUSEHOLD.nik,
          kk: LISTED_HOUSEHOLD.kk,
          head_name: 'Sugeng Riyadi',
          birth_date: '1968-03-14',
          sex: 'L',
          village_code: '35.76.02.1009',
        }),
      ),
      422,
      'head_nik',
    );
    expect(err.code).toBe('validation_failed');
    expect(err.message).toContain('Cek status');
    expect(await countRows(ctx.env.db, 'tickets')).toBe(before);
  });

  it('a second proposal for a household with an open one is refused, without naming the first', async () => {
    const first = usulanBody();
    const receipt = await expectReceipt(await post(first), 'USL');
    const again = await post({
      ...first,
      address: 'Jl. Mentikan Gg. 4 No. 1',
      proposer: 'rt_rw',
      proposer_name: 'Hartono',
    });
    const err = await expectError(again, 422, 'head_nik');
    expect(err.reference).toBeUndefined();
    expect(JSON.stringify(err)).not.toContain(receipt.reference);
    expect(err.message).toContain('tanda terima Anda');
    expect(await ticketsFor(first.head_nik)).toHaveLength(1);
  });

  it('a new proposal is accepted once the earlier one is closed', async () => {
    const first = usulanBody();
    const receipt = await expectReceipt(await post(first), 'USL');
    const { ticket } = await ticketOf(ctx.env.db, receipt.reference);
    await transitionTicket(ctx.env.db, ctx.env.deps, {
      ticketId: ticket.id,
      to: 'ditolak',
      actor: { role: 'rt_rw', id: 'rt-1' },
      note: 'Keluarga tidak tinggal di alamat ini.',
    });
    await expectReceipt(await post({ ...first, address: 'Jl. Baru No. 3' }), 'USL');
    expect(await ticketsFor(first.head_nik)).toHaveLength(2);
  });
});

describe('bad input is a 4xx naming the field, never a 5xx', () => {
  it.each([
    ['empty', '', 'NIK wajib diisi.'],
    ['too short', '357601120385', '16 angka'],
    ['letters', '35760112038500AB', '16 angka'],
    ['17 digits', '35760112038500021', '16 angka'],
    ['unknown district', '9999011203850002', 'Enam angka pertama NIK'],
    ['day 32', '3576013203850002', 'tanggal lahir'],
    ['day 00', '3576010003850002', 'tanggal lahir'],
    ['month 13', '3576011213850002', 'tanggal lahir'],
    ['women day 72', '3576017202850002', 'tanggal lahir'],
    ['31 February', '3576013102850002', 'tanggal lahir'],
    ['64 characters of junk', 'x'.repeat(64), '16 angka'],
  ])('refuses a NIK that is %s', async (_rule, nik, message) => {
    const err = await expectError(await post(usulanBody({ head_nik: nik })), 422, 'head_nik');
    expect(err.code).toBe('validation_failed');
    expect(err.message).toContain(message);
  });

  it.each([
    [{ head_nik: 3576011203850002 }],
    [{ head_nik: null }],
    [{ head_nik: undefined }],
    [{ head_nik: 'x'.repeat(65) }],
  ])('refuses a head_nik of %j', async (override) => {
    await expectError(await post(usulanBody(override)), 422, 'head_nik');
  });

  it('refuses a KK that is not 16 digits or not of a known district', async () => {
    await expectError(await post(usulanBody({ kk: '12345' })), 422, 'kk');
    await expectError(await post(usulanBody({ kk: '9999011506100001' })), 422, 'kk');
  });

  it('refuses a birth date that differs from the NIK', async () => {
    const head = freshHead({ sex: 'L', birthDate: '1980-01-15' });
    const err = await expectError(
      await post(usulanBody({ head_nik: head.nik, kk: head.kk, birth_date: '1980-01-16', sex: 'L' })),
      422,
      'birth_date',
    );
    expect(err.message).toContain('NIK');
  });

  it('refuses a sex that differs from the NIK, both ways', async () => {
    const man = freshHead({ sex: 'L', birthDate: '1975-06-12' });
    await expectError(
      await post(usulanBody({ head_nik: man.nik, kk: man.kk, birth_date: man.birthDate, sex: 'P' })),
      422,
      'sex',
    );
    const woman = freshHead({ sex: 'P', birthDate: '1975-06-12' });
    expect(woman.nik.slice(6, 8)).toBe('52');
    await expectError(
      await post(usulanBody({ head_nik: woman.nik, kk: woman.kk, birth_date: woman.birthDate, sex: 'L' })),
      422,
      'sex',
    );
  });

  it('accepts a woman whose NIK day is the birth day + 40', async () => {
    const woman = freshHead({ sex: 'P', birthDate: '1990-12-31' });
    expect(woman.nik).toBe(composeNik(DISTRICT, '1990-12-31', 'P', Number(woman.nik.slice(12))));
    await expectReceipt(
      await post(usulanBody({ head_nik: woman.nik, kk: woman.kk, birth_date: '1990-12-31', sex: 'P' })),
      'USL',
    );
  });

  it('refuses a birth date not written as YYYY-MM-DD', async () => {
    await expectError(await post(usulanBody({ birth_date: '15-01-1980' })), 422, 'birth_date');
  });

  it.each([
    ['1948-02-30', 'tidak ada di kalender'],
    ['2031-01-01', 'masa depan'],
    ['02-11-1982', 'TTTT-BB-HH'],
  ])(
    "refuses a member's birth date %s, with every error of the body at once (issue 11.6)",
    async (date, words) => {
      const body = usulanBody({ head_name: '' });
      const members = body.members as Record<string, unknown>[];
      const res = await post({ ...body, members: [{ ...members[0], birth_date: date }, members[1]] });
      const err = await expectError(res, 422);
      expect(err.fields?.['members.0.birth_date']).toContain(words);
      expect(Object.keys(err.fields ?? {})).toEqual(
        expect.arrayContaining(['head_name', 'members.0.birth_date']),
      );
    },
  );

  it("refuses the head's impossible or future birth date", async () => {
    await expectError(await post(usulanBody({ birth_date: '1948-02-30' })), 422, 'birth_date');
    await expectError(await post(usulanBody({ birth_date: '2031-01-01' })), 422, 'birth_date');
  });

  it('keeps HTML and script in free text verbatim', async () => {
    const address = 'Jl. <b>Mawar</b> No. 5 <script>alert("x")</script> & <img src=x onerror=alert(1)>';
    const body = usulanBody({ address });
    const receipt = await expectReceipt(await post(body), 'USL');
    const { submission } = await ticketOf(ctx.env.db, receipt.reference);
    expect(JSON.parse(submission.payload).address).toBe(address);
  });

  it.each([
    ['head_name', { head_name: '<script>alert(1)</script>' }],
    ['head_name', { head_name: '<b>Budi</b>' }],
    ['members.0.name', { members: [{ name: '<i>Sumarni</i>', relation: 'istri_suami', components: [] }] }],
  ])('refuses HTML in the name %s', async (field, override) => {
    await expectError(await post(usulanBody(override)), 422, field);
  });

  it('refuses HTML in the proposer’s name, which is a name too', async () => {
    await expectError(
      await post(usulanBody({ proposer: 'rt_rw', proposer_name: '<script>alert(1)</script>' })),
      422,
      'proposer_name',
    );
  });

  it('refuses a 10,000-character field, naming it', async () => {
    await expectError(await post(usulanBody({ address: 'a'.repeat(10_000) })), 422, 'address');
    await expectError(await post(usulanBody({ head_name: 'A'.repeat(10_000) })), 422, 'head_name');
  });

  it('accepts emoji and Arabic/Hebrew text in the address, stored as typed', async () => {
    const address = 'Gang Melati 🌺 No. 3, شارع الملك 12, רחוב הרצל 5';
    const receipt = await expectReceipt(await post(usulanBody({ address })), 'USL');
    const { submission } = await ticketOf(ctx.env.db, receipt.reference);
    expect(JSON.parse(submission.payload).address).toBe(address);
  });

  it('refuses emoji in a name', async () => {
    await expectError(await post(usulanBody({ head_name: 'Budi 😀 Santoso' })), 422, 'head_name');
    await expectError(
      await post(usulanBody({ members: [{ name: '👶', relation: 'anak', components: [] }] })),
      422,
      'members.0.name',
    );
  });

  it.each([[{ consent: false }], [{ consent: undefined }], [{ consent: 'tidak' }]])(
    'refuses a missing consent %j',
    async (override) => {
      const err = await expectError(await post(usulanBody(override)), 422, 'consent');
      expect(err.message).toContain('persetujuan');
    },
  );

  it.each([
    ['phone', { phone: '12345' }],
    ['phone', { phone: '0212345678' }],
    ['phone', { phone: '+1 555 123 4567' }],
    ['email', { email: 'budi@' }],
    ['email', { email: 'not an email' }],
  ])('refuses a bad %s', async (field, override) => {
    await expectError(await post(usulanBody(override)), 422, field);
  });

  it.each([
    ['proposer', { proposer: 'bupati' }],
    ['proposer_name', { proposer: 'rt_rw' }],
    ['proposer_relation', { proposer: 'warga_lain', proposer_name: 'Hartono' }],
    ['village_code', { village_code: '35.76.01' }],
    ['village_code', { village_code: '99.99.99.9999' }],
    ['rt', { rt: 'tiga' }],
    [
      'socio.lighting',
      { socio: { ...(usulanBody().socio as Record<string, string>), lighting: 'matahari' } },
    ],
    ['assets', { assets: ['tidak_ada', 'kulkas'] }],
  ])('refuses a bad %s', async (field, override) => {
    await expectError(await post(usulanBody(override)), 422, field);
  });

  it.each([
    ['[]', 422],
    ['[1,2]', 422],
    ['null', 422],
    ['42', 422],
    ['"usulan"', 422],
    ['{}', 422],
    ['{"head_nik":', 400],
    ['not json', 400],
    ['', 400],
  ])('answers the body %j with %i', async (body, status) => {
    await expectError(await post(body), status);
  });

  it('refuses another content type with 415', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
      const res = await ctx.app.request(ENDPOINT, {
        method: 'POST',
        headers: { 'content-type': type },
        body: JSON.stringify(usulanBody()),
      });
      const err = await expectError(res, 415);
      expect(err.code).toBe('unsupported_media_type');
    }
  });

  it('refuses multipart whose data field is not JSON with 400', async () => {
    await expectError(await postMultipart(ctx.app, ENDPOINT, '{"head_nik":', []), 400);
  });
});

describe('attachments', () => {
  const refused = [
    ['a GIF', { bytes: tinyGif(), name: 'ktp.gif', type: 'image/gif' }],
    ['an HTML page renamed .jpg', { bytes: htmlPage(), name: 'ktp.jpg', type: 'image/jpeg' }],
    ['an SVG', { bytes: svgImage(), name: 'ktp.svg', type: 'image/svg+xml' }],
  ] as const;

  it.each(refused)('refuses %s with 415 naming the field, and keeps nothing', async (_what, file) => {
    const before = await storedFiles(ctx.env.deps);
    const body = usulanBody();
    const err = await expectError(
      await postMultipart(ctx.app, ENDPOINT, body, [{ field: 'foto_ktp', ...file }]),
      415,
      'foto_ktp',
    );
    expect(err.code).toBe('unsupported_media_type');
    expect(await ticketsFor(body.head_nik)).toHaveLength(0);
    expect(await storedFiles(ctx.env.deps)).toEqual(before);
  });

  it('refuses a file of 5 MB + 1 byte with 413 naming the field', async () => {
    const before = await storedFiles(ctx.env.deps);
    const body = usulanBody();
    const big = tinyPng(5 * 1024 * 1024 + 1);
    expect(big.length).toBe(5_242_881);
    const err = await expectError(
      await postMultipart(ctx.app, ENDPOINT, body, [
        { field: 'foto_ktp', bytes: tinyPng(), name: 'ok.png', type: 'image/png' },
        { field: 'foto_rumah', bytes: big, name: 'rumah.png', type: 'image/png' },
      ]),
      413,
      'foto_rumah',
    );
    expect(err.code).toBe('payload_too_large');
    expect(await ticketsFor(body.head_nik)).toHaveLength(0);
    expect(await storedFiles(ctx.env.deps)).toEqual(before);
  });

  it('accepts a file of exactly 5 MB', async () => {
    const body = usulanBody();
    await expectReceipt(
      await postMultipart(ctx.app, ENDPOINT, body, [
        { field: 'foto_rumah', bytes: tinyPng(5 * 1024 * 1024), name: 'rumah.png', type: 'image/png' },
      ]),
      'USL',
    );
  });

  it('refuses a body over 16 MB with 413', async () => {
    const body = usulanBody();
    const err = await expectError(
      await postMultipart(ctx.app, ENDPOINT, body, [
        {
          field: 'foto_rumah',
          bytes: new Uint8Array(17 * 1024 * 1024),
          name: 'rumah.png',
          type: 'image/png',
        },
      ]),
      413,
    );
    expect(err.code).toBe('payload_too_large');
    const json = await post(usulanBody({ address: 'x'.repeat(17 * 1024 * 1024) }));
    await expectError(json, 413);
    expect(await ticketsFor(body.head_nik)).toHaveLength(0);
  });
});

describe('updates to the resident (outbox)', () => {
  it('queues one message per channel on a resident-visible move, none on a hidden one', async () => {
    const body = usulanBody({ email: 'warga@example.com' });
    const receipt = await expectReceipt(await post(body), 'USL');
    const { ticket, submission } = await ticketOf(ctx.env.db, receipt.reference);
    const outbox = () =>
      ctx.env.db.selectFrom('outbox').selectAll().where('ticket_id', '=', ticket.id).execute();
    expect(await outbox()).toHaveLength(0);

    await transitionTicket(ctx.env.db, ctx.env.deps, {
      ticketId: ticket.id,
      to: 'diverifikasi_rt_rw',
      actor: { role: 'rt_rw', id: 'rt-1' },
      note: 'Sudah dicek, keluarga benar tinggal di RT 002.',
    });
    const rows = await outbox();
    expect(rows.map((r) => [r.channel, r.recipient]).sort()).toEqual([
      ['email', 'warga@example.com'],
      ['sms', '+6281234567890'],
    ]);
    for (const row of rows) {
      expect(row.submission_id).toBe(submission.id);
      expect(row.sent_at).toBeNull();
      expect(row.body).toContain(receipt.reference);
      expect(row.body).not.toContain(receipt.tracking_code);
    }

    await transitionTicket(ctx.env.db, ctx.env.deps, {
      ticketId: ticket.id,
      to: 'dibahas_musyawarah_kelurahan',
      actor: { role: 'kelurahan', id: 'u1' },
      visibleToResident: false,
    });
    expect(await outbox()).toHaveLength(2);
  });

  it('queues nothing for a proposal without phone or e-mail', async () => {
    const body = usulanBody({ phone: '', email: '' });
    const receipt = await expectReceipt(await post(body), 'USL');
    const { ticket, submission } = await ticketOf(ctx.env.db, receipt.reference);
    expect(submission.contact).toBeNull();
    await transitionTicket(ctx.env.db, ctx.env.deps, {
      ticketId: ticket.id,
      to: 'diverifikasi_rt_rw',
      actor: { role: 'rt_rw', id: 'rt-1' },
    });
    expect(
      await ctx.env.db.selectFrom('outbox').selectAll().where('ticket_id', '=', ticket.id).execute(),
    ).toEqual([]);
  });
});
