// POST /api/v1/sanggahan: an objection to a listed recipient picked by the opaque id of a
// region + name search. Objections to one recipient merge into one case; the public never
// learns more about the recipient than Cek status shows.
import { beforeAll, describe, expect, it } from 'vitest';
import { RECIPIENT_ID_PURPOSE } from '../../src/domain/cek/search-by-name.ts';
import { openId, sealId } from '../../src/domain/privacy/opaque-id.ts';
import { transitionTicket } from '../../src/domain/tickets/ticket-repository.ts';
import { useTestApp } from '../support/test-app.ts';
import {
  countRows,
  expectCodeNotStored,
  expectError,
  expectReceipt,
  expectStoredFile,
  htmlPage,
  postJson,
  postMultipart,
  sanggahanBody,
  storedFiles,
  ticketOf,
  tinyGif,
  tinyJpeg,
  tinyPng,
} from '../support/ticket-fixtures.ts';

const ctx = useTestApp();

const ENDPOINT = '/api/v1/sanggahan';
const post = (body: unknown, headers: Record<string, string> = {}) =>
  postJson(ctx.app, ENDPOINT, body, headers);

interface Recipient {
  memberId: number;
  householdId: number;
  name: string;
  nik: string;
  kk: string;
  village: string;
  /** The opaque id the public search gave for this person. */
  target: string;
}

let picked = 0;

/**
 * A listed person of Kota Mojokerto nobody has objected to yet, found the way a resident finds
 * them: POST /api/v1/cek/wilayah with the village and the name, then the match whose id is theirs.
 */
async function freshRecipient(): Promise<Recipient> {
  const objected = ctx.env.db
    .selectFrom('tickets')
    .select('target_member_id')
    .where('kind', '=', 'sanggahan')
    .where('target_member_id', 'is not', null);
  const person = await ctx.env.db
    .selectFrom('household_members as m')
    .innerJoin('households as h', 'h.id', 'm.household_id')
    .select(['m.id', 'm.name', 'm.nik', 'h.id as household_id', 'h.kk', 'h.village_code'])
    .where('m.id', 'not in', objected as never)
    .where('h.village_code', 'like', '35.76.%')
    .orderBy('m.id')
    .offset(37 * picked++)
    .limit(1)
    .executeTakeFirstOrThrow();
  const res = await postJson(ctx.app, '/api/v1/cek/wilayah', {
    village_code: person.village_code,
    name: person.name,
  });
  expect(res.status).toBe(200);
  const found = (await res.json()) as { matches: { id: string; name: string }[] };
  const match = found.matches.find(
    (m) => openId(ctx.env.deps.secret, RECIPIENT_ID_PURPOSE, m.id) === person.id,
  );
  if (!match) throw new Error(`the search did not find ${person.name}`);
  return {
    memberId: person.id,
    householdId: person.household_id,
    name: person.name,
    nik: person.nik,
    kk: person.kk,
    village: person.village_code,
    target: match.id,
  };
}

/** Nothing in `text` names the recipient beyond what Cek status shows. */
function expectNothingAbout(text: string, who: Recipient) {
  expect(text.toUpperCase()).not.toContain(who.name.toUpperCase());
  for (const word of who.name.split(' ').filter((w) => w.length >= 4)) {
    expect(text.toUpperCase()).not.toContain(word.toUpperCase());
  }
  expect(text).not.toContain(who.nik);
  expect(text).not.toContain(who.kk);
  expect(text).not.toContain(who.nik.slice(-6));
}

const track = (reference: string, tracking_code: string) =>
  postJson(ctx.app, '/api/v1/lacak', { reference, tracking_code });

describe('POST /api/v1/sanggahan: an objection is recorded', () => {
  it('answers 201 with the receipt and the objection count, and records the case', async () => {
    const who = await freshRecipient();
    const receipt = await expectReceipt(await post(sanggahanBody(who.target)), 'SGH');
    expect(receipt.status).toBe('diterima');
    expect(receipt.objection_count).toBe(1);
    expect(ctx.env.deps.tickets.due['sanggahan.diterima']).toEqual({ days: 14, workingDays: false });
    expect(receipt.due_date).toBe('2026-12-07');

    const { ticket, submission } = await ticketOf(ctx.env.db, receipt.reference);
    expect(ticket).toMatchObject({
      kind: 'sanggahan',
      status: 'diterima',
      responsible_role: 'kelurahan',
      area_code: who.village,
      household_id: who.householdId,
      target_member_id: who.memberId,
      closed_at: null,
    });
    expect(submission.contact).toBeNull();
    const payload = JSON.parse(submission.payload);
    expect(payload).toMatchObject({ reason: 'sudah_mampu' });
    expect(payload).not.toHaveProperty('contact');
    const events = await ctx.env.db
      .selectFrom('ticket_events')
      .selectAll()
      .where('ticket_id', '=', ticket.id)
      .execute();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ from_status: null, to_status: 'diterima', actor_role: 'warga' });
    await expectCodeNotStored(ctx.env.db, receipt.tracking_code);
  });

  it('accepts multipart with a photo', async () => {
    const who = await freshRecipient();
    const photo = tinyJpeg();
    const receipt = await expectReceipt(
      await postMultipart(ctx.app, ENDPOINT, sanggahanBody(who.target, { reason: 'pindah' }), [
        { field: 'foto', bytes: photo, name: 'rumah kosong.jpg', type: 'image/jpeg' },
      ]),
      'SGH',
    );
    const { ticket, submission } = await ticketOf(ctx.env.db, receipt.reference);
    const rows = await ctx.env.db
      .selectFrom('ticket_attachments')
      .selectAll()
      .where('ticket_id', '=', ticket.id)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      submission_id: submission.id,
      purpose: 'foto',
      content_type: 'image/jpeg',
    });
    await expectStoredFile(ctx.env.deps, rows[0] as NonNullable<(typeof rows)[0]>, photo);
  });

  it('merges two objections to the same recipient into one case that counts them', async () => {
    const who = await freshRecipient();
    const first = await expectReceipt(
      await post(sanggahanBody(who.target), { 'idempotency-key': 'sgh-merge-1' }),
      'SGH',
    );
    // A second resident finds the same person by another search: another opaque id, same person.
    const second = await expectReceipt(
      await post(
        sanggahanBody((await searchAgain(who)).target, {
          reason: 'meninggal',
          description: 'Beliau sudah meninggal dunia bulan Juni lalu, keluarga pindah ke Surabaya.',
          contact: { anonymous: false, name: 'Joko Susilo', phone: '085712345678' },
        }),
        { 'idempotency-key': 'sgh-merge-2' },
      ),
      'SGH',
    );
    expect(first.objection_count).toBe(1);
    expect(second.objection_count).toBe(2);
    expect(second.reference).not.toBe(first.reference);
    const a = await ticketOf(ctx.env.db, first.reference);
    const b = await ticketOf(ctx.env.db, second.reference);
    expect(b.ticket.id).toBe(a.ticket.id);
    const submissions = await ctx.env.db
      .selectFrom('ticket_submissions')
      .select(['reference', 'contact'])
      .where('ticket_id', '=', a.ticket.id)
      .orderBy('id')
      .execute();
    expect(submissions.map((s) => s.reference)).toEqual([first.reference, second.reference]);
    expect(
      await ctx.env.db
        .selectFrom('tickets')
        .select('id')
        .where('target_member_id', '=', who.memberId)
        .execute(),
    ).toHaveLength(1);

    for (const r of [first, second]) {
      const res = await track(r.reference, r.tracking_code);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ kind: 'sanggahan', status: 'diterima', objection_count: 2 });
    }
  });

  it('merges objections that arrive at the same moment', async () => {
    const who = await freshRecipient();
    const answers = await Promise.all(
      [1, 2, 3].map((n) => post(sanggahanBody(who.target), { 'idempotency-key': `sgh-same-moment-${n}` })),
    );
    const receipts = await Promise.all(answers.map((r) => expectReceipt(r, 'SGH')));
    expect(receipts.map((r) => r.objection_count).sort()).toEqual([1, 2, 3]);
    const tickets = await ctx.env.db
      .selectFrom('tickets')
      .select('id')
      .where('target_member_id', '=', who.memberId)
      .execute();
    expect(tickets).toHaveLength(1);
  });

  it('opens a new case once the earlier one is closed', async () => {
    const who = await freshRecipient();
    const first = await expectReceipt(await post(sanggahanBody(who.target)), 'SGH');
    const { ticket } = await ticketOf(ctx.env.db, first.reference);
    const officer = { role: 'kelurahan' as const, id: 'u1' };
    await transitionTicket(ctx.env.db, ctx.env.deps, {
      ticketId: ticket.id,
      to: 'diperiksa_kelurahan',
      actor: officer,
    });
    await transitionTicket(ctx.env.db, ctx.env.deps, {
      ticketId: ticket.id,
      to: 'tidak_terbukti',
      actor: officer,
      note: 'Penerima masih tinggal di alamat dan memenuhi syarat.',
      noteAudience: 'resident',
    });
    const again = await expectReceipt(await post(sanggahanBody(who.target)), 'SGH');
    expect(again.objection_count).toBe(1);
    expect((await ticketOf(ctx.env.db, again.reference)).ticket.id).not.toBe(ticket.id);
  });
});

async function searchAgain(who: Recipient): Promise<Recipient> {
  const res = await postJson(ctx.app, '/api/v1/cek/wilayah', { village_code: who.village, name: who.name });
  const found = (await res.json()) as { matches: { id: string }[] };
  const match = found.matches.find(
    (m) => openId(ctx.env.deps.secret, RECIPIENT_ID_PURPOSE, m.id) === who.memberId,
  );
  expect(match?.id).toBeDefined();
  expect(match?.id).not.toBe(who.target);
  return { ...who, target: match?.id as string };
}

describe('the objector', () => {
  it('stores no contact for an anonymous objector, even with contact fields typed', async () => {
    const who = await freshRecipient();
    const receipt = await expectReceipt(
      await post(
        sanggahanBody(who.target, {
          contact: {
            anonymous: 'ya',
            name: 'Tetangga Sebelah',
            phone: '081377788899',
            email: 'tetangga@example.com',
          },
        }),
      ),
      'SGH',
    );
    const { ticket, submission } = await ticketOf(ctx.env.db, receipt.reference);
    expect(submission.contact).toBeNull();
    const everything = JSON.stringify([ticket, submission]);
    expect(everything).not.toContain('Tetangga');
    expect(everything).not.toContain('77788899');
    expect(everything).not.toContain('tetangga@example.com');
  });

  it('stores the contact of a named objector', async () => {
    const who = await freshRecipient();
    const receipt = await expectReceipt(
      await post(
        sanggahanBody(who.target, {
          contact: { anonymous: false, name: 'Joko Susilo', email: 'joko@example.com' },
        }),
      ),
      'SGH',
    );
    const { submission } = await ticketOf(ctx.env.db, receipt.reference);
    expect(JSON.parse(submission.contact ?? 'null')).toEqual({
      name: 'Joko Susilo',
      email: 'joko@example.com',
    });
  });

  it('queues updates for the named objector only, when the officer makes a visible move', async () => {
    const who = await freshRecipient();
    const named = await expectReceipt(
      await post(
        sanggahanBody(who.target, {
          contact: { anonymous: false, name: 'Joko Susilo', phone: '0857-1234-5678' },
        }),
      ),
      'SGH',
    );
    const anonymous = await expectReceipt(await post(sanggahanBody(who.target)), 'SGH');
    const { ticket, submission } = await ticketOf(ctx.env.db, named.reference);
    expect((await ticketOf(ctx.env.db, anonymous.reference)).ticket.id).toBe(ticket.id);

    await transitionTicket(ctx.env.db, ctx.env.deps, {
      ticketId: ticket.id,
      to: 'diperiksa_kelurahan',
      actor: { role: 'kelurahan', id: 'u1' },
      note: 'Petugas akan mengunjungi alamat minggu ini.',
      noteAudience: 'resident',
    });
    const rows = await ctx.env.db
      .selectFrom('outbox')
      .selectAll()
      .where('ticket_id', '=', ticket.id)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      submission_id: submission.id,
      channel: 'sms',
      recipient: '+6285712345678',
    });
    expect(rows[0]?.body).toContain(named.reference);
    expect(rows[0]?.body).not.toContain(anonymous.reference);
  });
});

describe('privacy of the recipient', () => {
  it('neither the receipt nor the tracking answer names the recipient', async () => {
    const who = await freshRecipient();
    const res = await post(
      sanggahanBody(who.target, {
        contact: { anonymous: false, name: 'Joko Susilo', phone: '085712345678' },
      }),
    );
    const text = await res.clone().text();
    const receipt = await expectReceipt(res, 'SGH');
    expectNothingAbout(text, who);
    expect(text).not.toContain(who.target);

    const { ticket } = await ticketOf(ctx.env.db, receipt.reference);
    await transitionTicket(ctx.env.db, ctx.env.deps, {
      ticketId: ticket.id,
      to: 'diperiksa_kelurahan',
      actor: { role: 'kelurahan', id: 'u1' },
    });
    const tracked = await track(receipt.reference, receipt.tracking_code);
    expect(tracked.status).toBe(200);
    const answer = await tracked.text();
    expectNothingAbout(answer, who);
    expect(answer).not.toContain(who.target);
    expect(JSON.parse(answer)).toMatchObject({ kind: 'sanggahan', status: 'diperiksa_kelurahan' });
  });
});

describe('the target', () => {
  it.each([
    ['empty', ''],
    ['a NIK instead of an id', '3576021403680001'],
    ['a database id', '42'],
    ['random characters of the right length', 'A'.repeat(48)],
    ['an SQL fragment', "' OR 1=1 --"],
  ])('refuses a target that is %s with 422 naming target', async (_what, target) => {
    const tickets = await countRows(ctx.env.db, 'tickets');
    await expectError(await post(sanggahanBody(target)), 422, 'target');
    expect(await countRows(ctx.env.db, 'tickets')).toBe(tickets);
  });

  it.each([[{ target: undefined }], [{ target: null }], [{ target: 12 }], [{ target: 'x'.repeat(5000) }]])(
    'refuses %j with 422 naming target',
    async (override) => {
      await expectError(await post({ ...sanggahanBody('x'), ...override }), 422, 'target');
    },
  );

  it('refuses a tampered id (one character changed) and a forged one', async () => {
    const who = await freshRecipient();
    const middle = 20;
    const flipped = who.target[middle] === 'A' ? 'B' : 'A';
    const tampered = `${who.target.slice(0, middle)}${flipped}${who.target.slice(middle + 1)}`;
    await expectError(await post(sanggahanBody(tampered)), 422, 'target');
    const otherSecret = Buffer.alloc(32, 9);
    await expectError(
      await post(sanggahanBody(sealId(otherSecret, RECIPIENT_ID_PURPOSE, who.memberId))),
      422,
      'target',
    );
    await expectError(
      await post(sanggahanBody(sealId(ctx.env.deps.secret, 'other-purpose', who.memberId))),
      422,
      'target',
    );
    await expectError(
      await post(sanggahanBody(sealId(ctx.env.deps.secret, RECIPIENT_ID_PURPOSE, 99_999_999))),
      422,
      'target',
    );
  });
});

describe('Idempotency-Key', () => {
  it('same key and same body: the same 201 body, one submission', async () => {
    const who = await freshRecipient();
    const headers = { 'idempotency-key': 'sgh-same-0001' };
    const body = sanggahanBody(who.target);
    const first = await post(body, headers);
    const second = await post(body, headers);
    expect([first.status, second.status]).toEqual([201, 201]);
    const text = await first.text();
    expect(await second.text()).toBe(text);
    expect(JSON.parse(text).objection_count).toBe(1);
    const { ticket } = await ticketOf(ctx.env.db, JSON.parse(text).reference);
    expect(
      await ctx.env.db
        .selectFrom('ticket_submissions')
        .select('id')
        .where('ticket_id', '=', ticket.id)
        .execute(),
    ).toHaveLength(1);
  });

  it('same key with another body: 422', async () => {
    const who = await freshRecipient();
    const headers = { 'idempotency-key': 'sgh-same-0002' };
    await expectReceipt(await post(sanggahanBody(who.target), headers), 'SGH');
    await expectError(
      await post(sanggahanBody(who.target, { reason: 'pindah' }), headers),
      422,
      'idempotency_key',
    );
  });

  it('five identical requests at once: one submission', async () => {
    const who = await freshRecipient();
    const body = sanggahanBody(who.target);
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => post(body, { 'idempotency-key': 'sgh-concurrent-1' })),
    );
    expect(answers.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(await Promise.all(answers.map((r) => r.text()))).size).toBe(1);
    const tickets = await ctx.env.db
      .selectFrom('tickets')
      .select('id')
      .where('target_member_id', '=', who.memberId)
      .execute();
    expect(tickets).toHaveLength(1);
    expect(
      await ctx.env.db
        .selectFrom('ticket_submissions')
        .select('id')
        .where('ticket_id', '=', tickets[0]?.id as number)
        .execute(),
    ).toHaveLength(1);
  });
});

describe('bad input is a 4xx naming the field, never a 5xx', () => {
  let target: string;
  beforeAll(async () => {
    target = (await freshRecipient()).target;
  });

  it.each([
    ['reason', { reason: 'tidak_suka' }],
    ['reason', { reason: undefined }],
    ['description', { description: 'pendek' }],
    ['description', { description: 'x'.repeat(10_000) }],
    ['consent', { consent: false }],
    ['consent', { consent: undefined }],
    ['contact.phone', { contact: { anonymous: false, name: 'Joko Susilo' } }],
    ['contact.phone', { contact: { anonymous: false, name: 'Joko Susilo', phone: '555' } }],
    ['contact.email', { contact: { anonymous: false, name: 'Joko Susilo', email: 'joko at example' } }],
    [
      'contact.name',
      { contact: { anonymous: false, name: '<script>alert(1)</script>', phone: '085712345678' } },
    ],
    ['contact.name', { contact: { anonymous: false, name: 'Joko 🤡', phone: '085712345678' } }],
  ])('refuses a bad %s', async (field, override) => {
    await expectError(await post(sanggahanBody(target, override)), 422, field);
  });

  it('keeps HTML, script, emoji and right-to-left text in the description verbatim', async () => {
    for (const description of [
      '<script>document.location="https://evil.example"</script> punya <b>mobil</b> baru',
      'Sudah punya toko 🏪🚗 — لديه متجر كبير — יש לו חנות',
    ]) {
      const who = await freshRecipient();
      const receipt = await expectReceipt(await post(sanggahanBody(who.target, { description })), 'SGH');
      expect(JSON.parse((await ticketOf(ctx.env.db, receipt.reference)).submission.payload).description).toBe(
        description,
      );
    }
  });

  it.each([
    ['[]', 422],
    ['null', 422],
    ['1', 422],
    ['{"target":', 400],
  ])('answers the body %j with %i', async (body, status) => {
    await expectError(await post(body), status);
  });

  it('refuses another content type with 415', async () => {
    const res = await ctx.app.request(ENDPOINT, {
      method: 'POST',
      headers: { 'content-type': 'text/html' },
      body: '<form></form>',
    });
    await expectError(res, 415);
  });

  it('refuses a GIF or an HTML page as the photo with 415, and a 5 MB + 1 byte photo with 413', async () => {
    const before = await storedFiles(ctx.env.deps);
    await expectError(
      await postMultipart(ctx.app, ENDPOINT, sanggahanBody(target), [
        { field: 'foto', bytes: tinyGif(), name: 'foto.gif', type: 'image/gif' },
      ]),
      415,
      'foto',
    );
    await expectError(
      await postMultipart(ctx.app, ENDPOINT, sanggahanBody(target), [
        { field: 'foto', bytes: htmlPage(), name: 'foto.jpg', type: 'image/jpeg' },
      ]),
      415,
      'foto',
    );
    await expectError(
      await postMultipart(ctx.app, ENDPOINT, sanggahanBody(target), [
        { field: 'foto', bytes: tinyPng(5 * 1024 * 1024 + 1), name: 'foto.png', type: 'image/png' },
      ]),
      413,
      'foto',
    );
    expect(await storedFiles(ctx.env.deps)).toEqual(before);
  });
});
