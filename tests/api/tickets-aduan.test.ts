// POST /api/v1/aduan: an SLRT complaint, named or anonymous, with up to three attachments.
import { describe, expect, it } from 'vitest';
import { submitAduan } from '../../src/domain/tickets/submit-aduan.ts';
import { REPEAT_WINDOW_MS } from '../../src/domain/tickets/submit-ticket.ts';
import { transitionTicket } from '../../src/domain/tickets/ticket-repository.ts';
import { createApp } from '../../src/server/app.ts';
import { silentLogger, useTestApp } from '../support/test-app.ts';
import {
  aduanBody,
  countRows,
  expectCodeNotStored,
  expectError,
  expectReceipt,
  expectStoredFile,
  htmlPage,
  LISTED_HOUSEHOLD,
  png,
  postJson,
  postMultipart,
  storedFiles,
  svgImage,
  ticketOf,
  tinyGif,
  tinyJpeg,
  tinyPdf,
  tinyPng,
} from '../support/ticket-fixtures.ts';

const ctx = useTestApp();

const ENDPOINT = '/api/v1/aduan';
const post = (body: unknown, headers: Record<string, string> = {}) =>
  postJson(ctx.app, ENDPOINT, body, headers);
const named = (contact: Record<string, unknown> = {}) => ({
  anonymous: false,
  name: 'Siti Aminah',
  phone: '0857 1234 5678',
  ...contact,
});

describe('POST /api/v1/aduan: a complaint is recorded', () => {
  it('answers 201 with the receipt and records the ticket, submission and first event', async () => {
    const receipt = await expectReceipt(await post(aduanBody()), 'ADU');
    expect(receipt.status).toBe('diterima');
    // aduan.diterima: 3 working days from Monday 23 November 2026 → Thursday 26.
    expect(ctx.env.deps.tickets.due['aduan.diterima']).toEqual({ days: 3, workingDays: true });
    expect(receipt.due_date).toBe('2026-11-26');

    const { ticket, submission } = await ticketOf(ctx.env.db, receipt.reference);
    expect(ticket).toMatchObject({
      kind: 'aduan',
      status: 'diterima',
      responsible_role: 'dinsos',
      area_code: null,
      subject_nik: null,
      closed_at: null,
    });
    expect(submission.contact).toBeNull();
    expect(JSON.parse(submission.payload)).toMatchObject({ program: 'BPNT', problem: 'kks_terblokir' });
    const events = await ctx.env.db
      .selectFrom('ticket_events')
      .selectAll()
      .where('ticket_id', '=', ticket.id)
      .execute();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      from_status: null,
      to_status: 'diterima',
      actor_role: 'warga',
      visible_to_resident: 1,
    });
    await expectCodeNotStored(ctx.env.db, receipt.tracking_code);
  });

  it('counts working days: submitted on a Friday, due the Wednesday after', async () => {
    const friday = createApp({
      deps: { ...ctx.env.deps, now: () => new Date('2026-11-27T03:00:00Z') },
      logger: silentLogger,
    });
    const receipt = await expectReceipt(await postJson(friday, ENDPOINT, aduanBody()), 'ADU');
    expect(receipt.due_date).toBe('2026-12-02');
  });

  it('places a complaint about a listed household in its village', async () => {
    const receipt = await expectReceipt(await post(aduanBody({ nik: LISTED_HOUSEHOLD.nik })), 'ADU');
    const { ticket } = await ticketOf(ctx.env.db, receipt.reference);
    expect(ticket.area_code).toBe('35.76.02.1009');
    expect(ticket.subject_nik).toBe(LISTED_HOUSEHOLD.nik);
  });

  it('accepts an empty NIK as no NIK', async () => {
    const receipt = await expectReceipt(await post(aduanBody({ nik: '' })), 'ADU');
    expect((await ticketOf(ctx.env.db, receipt.reference)).ticket.subject_nik).toBeNull();
  });

  it('takes every program and every problem of the catalogue', async () => {
    for (const program of ['PKH', 'PBI-JK', 'YATIM_NON_PANTI', 'APBD', 'LAINNYA']) {
      await expectReceipt(await post(aduanBody({ program })), 'ADU');
    }
    for (const problem of ['pungutan_liar', 'barang_harga_ewarong', 'kuasa_ahli_waris']) {
      await expectReceipt(await post(aduanBody({ problem })), 'ADU');
    }
  });

  it('accepts multipart with three attachments, each stored with its checksum', async () => {
    const before = await storedFiles(ctx.env.deps);
    const files = [
      { field: 'lampiran_1', bytes: tinyPng(), name: 'kartu.png', type: 'image/png' },
      { field: 'lampiran_2', bytes: tinyJpeg(), name: 'struk.jpeg', type: 'application/octet-stream' },
      { field: 'lampiran_3', bytes: tinyPdf(), name: 'surat.pdf', type: 'application/pdf' },
    ];
    const receipt = await expectReceipt(await postMultipart(ctx.app, ENDPOINT, aduanBody(), files), 'ADU');
    const { ticket, submission } = await ticketOf(ctx.env.db, receipt.reference);
    const rows = await ctx.env.db
      .selectFrom('ticket_attachments')
      .selectAll()
      .where('ticket_id', '=', ticket.id)
      .orderBy('id')
      .execute();
    expect(rows.map((r) => [r.purpose, r.content_type, r.submission_id])).toEqual([
      ['lampiran_1', 'image/png', submission.id],
      ['lampiran_2', 'image/jpeg', submission.id],
      ['lampiran_3', 'application/pdf', submission.id],
    ]);
    for (const [i, row] of rows.entries()) {
      await expectStoredFile(ctx.env.deps, row, files[i]?.bytes as Uint8Array);
      expect(row.stored_name).not.toContain('kartu');
    }
    expect(await storedFiles(ctx.env.deps)).toEqual([...before, ...rows.map((r) => r.stored_name)].sort());
  });

  it('refuses a fourth attachment with 422 and keeps nothing', async () => {
    const before = await storedFiles(ctx.env.deps);
    const tickets = await countRows(ctx.env.db, 'tickets');
    const err = await expectError(
      await postMultipart(ctx.app, ENDPOINT, aduanBody(), [
        png('lampiran_1'),
        png('lampiran_2'),
        png('lampiran_3'),
        png('lampiran_4'),
      ]),
      422,
      'lampiran',
    );
    expect(err.message).toContain('3');
    expect(await countRows(ctx.env.db, 'tickets')).toBe(tickets);
    expect(await storedFiles(ctx.env.deps)).toEqual(before);
  });
});

describe('contact and anonymity', () => {
  it('stores no contact for an anonymous complaint, even with contact fields typed', async () => {
    const receipt = await expectReceipt(
      await post(
        aduanBody({
          contact: {
            anonymous: true,
            name: 'Rahasia Sekali',
            phone: '081398765432',
            email: 'rahasia@example.com',
          },
        }),
      ),
      'ADU',
    );
    const { ticket, submission } = await ticketOf(ctx.env.db, receipt.reference);
    expect(submission.contact).toBeNull();
    const everything = JSON.stringify([ticket, submission]);
    expect(everything).not.toContain('Rahasia');
    expect(everything).not.toContain('98765432');
    expect(everything).not.toContain('rahasia@example.com');
  });

  it('accepts the form checkbox value "on" for anonymous', async () => {
    const receipt = await expectReceipt(await post(aduanBody({ contact: { anonymous: 'on' } })), 'ADU');
    expect((await ticketOf(ctx.env.db, receipt.reference)).submission.contact).toBeNull();
  });

  it('stores the contact of a named complaint', async () => {
    const receipt = await expectReceipt(
      await post(aduanBody({ contact: named({ email: 'Siti@Example.com' }) })),
      'ADU',
    );
    const { submission } = await ticketOf(ctx.env.db, receipt.reference);
    expect(JSON.parse(submission.contact ?? 'null')).toEqual({
      name: 'Siti Aminah',
      phone: '+6285712345678',
      email: 'siti@example.com',
    });
  });

  it('refuses a named complaint without phone or e-mail', async () => {
    const err = await expectError(
      await post(aduanBody({ contact: { anonymous: false, name: 'Siti Aminah' } })),
      422,
      'contact.phone',
    );
    expect(err.message).toContain('anonim');
    await expectError(
      await post(aduanBody({ contact: { anonymous: false, name: 'Siti Aminah', phone: '', email: ' ' } })),
      422,
      'contact.phone',
    );
  });

  it.each([
    ['contact.phone', named({ phone: '12345' })],
    ['contact.phone', named({ phone: '0812-abc-7890' })],
    ['contact.email', named({ phone: undefined, email: 'siti@' })],
    ['contact.name', named({ name: '' })],
    ['contact.name', named({ name: '<script>alert(1)</script>' })],
    ['contact.name', named({ name: '<b>Siti</b>' })],
    ['contact.name', named({ name: 'Siti 😀' })],
    ['contact.name', named({ name: '😀😀😀' })],
    ['contact.name', named({ name: 'S'.repeat(10_000) })],
  ])('refuses a bad %s', async (field, contact) => {
    await expectError(await post(aduanBody({ contact })), 422, field);
  });

  it('accepts a name in Arabic or Hebrew script', async () => {
    for (const name of ['محمد عبد الله', 'דוד לוי']) {
      const receipt = await expectReceipt(await post(aduanBody({ contact: named({ name }) })), 'ADU');
      const { submission } = await ticketOf(ctx.env.db, receipt.reference);
      expect(JSON.parse(submission.contact ?? '{}').name).toBe(name);
    }
  });

  it('queues updates for a named complainant and none for an anonymous one', async () => {
    const withContact = await expectReceipt(
      await post(aduanBody({ contact: named({ email: 'siti@example.com' }) })),
      'ADU',
    );
    const anonymous = await expectReceipt(await post(aduanBody()), 'ADU');
    for (const receipt of [withContact, anonymous]) {
      const { ticket } = await ticketOf(ctx.env.db, receipt.reference);
      await transitionTicket(ctx.env.db, ctx.env.deps, {
        ticketId: ticket.id,
        to: 'diteruskan',
        actor: { role: 'kelurahan', id: 'u1' },
        unit: 'bank_penyalur',
        note: 'Diteruskan ke bank penyalur untuk membuka blokir KKS.',
        noteAudience: 'resident',
      });
    }
    const named_ = await ticketOf(ctx.env.db, withContact.reference);
    const rows = await ctx.env.db
      .selectFrom('outbox')
      .selectAll()
      .where('ticket_id', '=', named_.ticket.id)
      .execute();
    expect(rows.map((r) => [r.channel, r.recipient]).sort()).toEqual([
      ['email', 'siti@example.com'],
      ['sms', '+6285712345678'],
    ]);
    expect(rows[0]?.body).toContain(withContact.reference);
    // The officer's note stays on the tracking page; the message only points there.
    expect(rows[0]?.body).not.toContain('blokir');
    expect(rows[0]?.body).toContain('halaman Lacak tiket');
    const anon = await ticketOf(ctx.env.db, anonymous.reference);
    expect(
      await ctx.env.db.selectFrom('outbox').selectAll().where('ticket_id', '=', anon.ticket.id).execute(),
    ).toEqual([]);
  });
});

describe('Idempotency-Key', () => {
  it('same key and same body: the same 201 body and one ticket', async () => {
    const headers = { 'idempotency-key': 'aduan-key-0001' };
    const body = aduanBody({ description: 'Dana PKH tahap 3 belum masuk ke rekening KKS saya.' });
    const tickets = await countRows(ctx.env.db, 'tickets');
    const first = await post(body, headers);
    const second = await post(body, headers);
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(await second.text()).toBe(await first.text());
    expect(await countRows(ctx.env.db, 'tickets')).toBe(tickets + 1);
  });

  it('same key and same multipart body with the same file: one ticket, one stored file', async () => {
    const headers = { 'idempotency-key': 'aduan-key-0002' };
    const before = (await storedFiles(ctx.env.deps)).length;
    const first = await postMultipart(ctx.app, ENDPOINT, aduanBody(), [png('lampiran_1')], headers);
    const second = await postMultipart(ctx.app, ENDPOINT, aduanBody(), [png('lampiran_1')], headers);
    expect(await second.text()).toBe(await first.text());
    expect((await storedFiles(ctx.env.deps)).length).toBe(before + 1);
  });

  it('same key with another body or another file: 422', async () => {
    const headers = { 'idempotency-key': 'aduan-key-0003' };
    await expectReceipt(await post(aduanBody(), headers), 'ADU');
    const tickets = await countRows(ctx.env.db, 'tickets');
    await expectError(await post(aduanBody({ problem: 'pin_terblokir' }), headers), 422, 'idempotency_key');
    await expectError(
      await postMultipart(ctx.app, ENDPOINT, aduanBody(), [png('lampiran_1')], headers),
      422,
      'idempotency_key',
    );
    expect(await countRows(ctx.env.db, 'tickets')).toBe(tickets);
  });

  it('five identical requests at once: five identical 201s, one ticket', async () => {
    const tickets = await countRows(ctx.env.db, 'tickets');
    const body = aduanBody({ problem: 'dana_tidak_diterima' });
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => post(body, { 'idempotency-key': 'aduan-concurrent-1' })),
    );
    expect(answers.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(await Promise.all(answers.map((r) => r.text()))).size).toBe(1);
    expect(await countRows(ctx.env.db, 'tickets')).toBe(tickets + 1);
  });

  it('five identical multipart requests at once: one ticket and one stored file', async () => {
    const before = (await storedFiles(ctx.env.deps)).length;
    const tickets = await countRows(ctx.env.db, 'tickets');
    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        postMultipart(ctx.app, ENDPOINT, aduanBody(), [png('lampiran_1')], {
          'idempotency-key': 'aduan-concurrent-2',
        }),
      ),
    );
    expect(answers.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(await countRows(ctx.env.db, 'tickets')).toBe(tickets + 1);
    expect((await storedFiles(ctx.env.deps)).length).toBe(before + 1);
  });
});

describe('bad input is a 4xx naming the field, never a 5xx', () => {
  it.each([
    ['format', '12345'],
    ['format', '35760112038500AB'],
    ['district_unknown', '9999011203850002'],
    ['birth_date_invalid', '3576013203850002'],
    ['birth_date_invalid', '3576011213850002'],
  ])('refuses a NIK failing the %s rule', async (_rule, nik) => {
    await expectError(await post(aduanBody({ nik })), 422, 'nik');
  });

  it('refuses a NIK that is a number or too long', async () => {
    await expectError(await post(aduanBody({ nik: 3576021403680001 })), 422, 'nik');
    await expectError(await post(aduanBody({ nik: '3'.repeat(100) })), 422, 'nik');
  });

  it.each([
    ['program', { program: 'BANSOS_LAIN' }],
    ['program', { program: undefined }],
    ['problem', { problem: 'semua' }],
    ['description', { description: 'pendek' }],
    ['description', { description: '' }],
    ['description', { description: 'x'.repeat(10_000) }],
    ['consent', { consent: false }],
    ['consent', { consent: undefined }],
    ['contact', { contact: undefined }],
  ])('refuses a bad %s', async (field, override) => {
    await expectError(await post(aduanBody(override)), 422, field);
  });

  it('keeps HTML and script in the description verbatim', async () => {
    const description =
      '<script>alert("xss")</script><b>Dana</b> tidak masuk & <a href="javascript:x">klik</a>';
    const receipt = await expectReceipt(await post(aduanBody({ description })), 'ADU');
    expect(JSON.parse((await ticketOf(ctx.env.db, receipt.reference)).submission.payload).description).toBe(
      description,
    );
  });

  it('keeps emoji and right-to-left text in the description', async () => {
    const description = 'Saldo kosong 😢🙏 — الرصيد غير متوفر — היתרה ריקה';
    const receipt = await expectReceipt(await post(aduanBody({ description })), 'ADU');
    expect(JSON.parse((await ticketOf(ctx.env.db, receipt.reference)).submission.payload).description).toBe(
      description,
    );
  });

  it.each([
    ['[]', 422],
    ['[{"program":"BPNT"}]', 422],
    ['null', 422],
    ['7', 422],
    ['true', 422],
    ['{"program":"BPNT",', 400],
    ['{program: BPNT}', 400],
  ])('answers the body %j with %i', async (body, status) => {
    await expectError(await post(body), status);
  });

  it('refuses another content type with 415', async () => {
    const res = await ctx.app.request(ENDPOINT, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify(aduanBody()),
    });
    expect((await expectError(res, 415)).code).toBe('unsupported_media_type');
    const none = await ctx.app.request(ENDPOINT, { method: 'POST', body: JSON.stringify(aduanBody()) });
    expect(none.status).toBeGreaterThanOrEqual(400);
    expect(none.status).toBeLessThan(500);
  });

  it.each([
    ['a GIF', { bytes: tinyGif(), name: 'bukti.gif', type: 'image/gif' }],
    ['an HTML page renamed .jpg', { bytes: htmlPage(), name: 'bukti.jpg', type: 'image/jpeg' }],
    ['an SVG', { bytes: svgImage(), name: 'bukti.svg', type: 'image/svg+xml' }],
  ])('refuses %s with 415 naming the field', async (_what, file) => {
    const before = await storedFiles(ctx.env.deps);
    const tickets = await countRows(ctx.env.db, 'tickets');
    const err = await expectError(
      await postMultipart(ctx.app, ENDPOINT, aduanBody(), [
        png('lampiran_1'),
        { field: 'lampiran_2', ...file },
      ]),
      415,
      'lampiran_2',
    );
    expect(err.message).toContain('JPEG');
    expect(await countRows(ctx.env.db, 'tickets')).toBe(tickets);
    expect(await storedFiles(ctx.env.deps)).toEqual(before);
  });

  it('refuses an attachment of 5 MB + 1 byte with 413 naming the field', async () => {
    const err = await expectError(
      await postMultipart(ctx.app, ENDPOINT, aduanBody(), [
        { field: 'lampiran_1', bytes: tinyPng(5 * 1024 * 1024 + 1), name: 'besar.png', type: 'image/png' },
      ]),
      413,
      'lampiran_1',
    );
    expect(err.code).toBe('payload_too_large');
  });

  it('refuses a body over 16 MB with 413', async () => {
    const tickets = await countRows(ctx.env.db, 'tickets');
    await expectError(await post(aduanBody({ description: 'x'.repeat(16 * 1024 * 1024 + 1) })), 413);
    await expectError(
      await postMultipart(ctx.app, ENDPOINT, aduanBody(), [
        { field: 'lampiran_1', bytes: tinyPng(5 * 1024 * 1024), name: 'a.png', type: 'image/png' },
        { field: 'lampiran_2', bytes: tinyPng(5 * 1024 * 1024), name: 'b.png', type: 'image/png' },
        { field: 'lampiran_3', bytes: tinyPng(5 * 1024 * 1024), name: 'c.png', type: 'image/png' },
        { field: 'lampiran_4', bytes: tinyPng(2 * 1024 * 1024), name: 'd.png', type: 'image/png' },
      ]),
      413,
    );
    expect(await countRows(ctx.env.db, 'tickets')).toBe(tickets);
  });
});

describe('an identical form submission from the same client, sent again after Back', () => {
  // Page forms pass `repeatsOf` (ticket-post.ts); a new form token is a new idempotency key.
  const send = (key: string, client: string, description: string) =>
    submitAduan(ctx.env.deps, aduanBody({ description }), {
      idempotencyKey: `form:${key}`,
      locale: 'id',
      attachments: [],
      clientKey: client,
      repeatsOf: client,
    });

  it('answers with the first receipt within the window, on either engine; others get their own', async () => {
    const text = 'Kartu KKS terblokir, dikirim lagi setelah tombol Kembali.';
    const first = await send('00000000-0000-4000-8000-000000000001', '198.51.100.1', text);
    const again = await send('00000000-0000-4000-8000-000000000002', '198.51.100.1', text);
    expect(again).toEqual(first);
    const otherClient = await send('00000000-0000-4000-8000-000000000003', '198.51.100.2', text);
    const otherText = await send('00000000-0000-4000-8000-000000000004', '198.51.100.1', `${text} Lagi.`);
    expect(new Set([first.reference, otherClient.reference, otherText.reference]).size).toBe(3);
    const rows = await ctx.env.deps.db
      .selectFrom('ticket_submissions')
      .select(['reference', 'repeat_key'])
      .where('reference', 'in', [first.reference, otherClient.reference])
      .execute();
    // An HMAC, not the address or the text.
    for (const row of rows) expect(row.repeat_key).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.toContain('198.51.100');
  });

  it('is a new ticket once the window has passed', async () => {
    const text = 'Saldo BPNT belum masuk, dikirim lagi setengah jam kemudian.';
    const first = await send('00000000-0000-4000-8000-000000000011', '198.51.100.3', text);
    await ctx.env.deps.db
      .updateTable('ticket_submissions')
      .set({ submitted_at: new Date(ctx.env.deps.now().getTime() - REPEAT_WINDOW_MS - 60_000).toISOString() })
      .where('reference', '=', first.reference)
      .execute();
    const later = await send('00000000-0000-4000-8000-000000000012', '198.51.100.3', text);
    expect(later.reference).not.toBe(first.reference);
  });
});
