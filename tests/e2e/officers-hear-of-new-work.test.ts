// Officers hear of new work and the admin sees the outbox message by message (issue 20), against
// the built server over plain HTTP with real sessions, on both engines. An officer keeps their own
// address and switches on /petugas/notifikasi (audited, without the address in the log); a new
// complaint through the API queues their notice in its transaction; the admin finds it on
// /petugas/pesan with the address masked, filters by state, and sends a failed one again. Bad
// input (a broken address, HTML, an http webhook, no or a forged form token, a prototype field
// name, an unknown or unfailed message, another role) answers 4xx with a message.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OpenedDatabase, openDatabase } from '../../src/db/database.ts';
import { type BuiltServer, builtServerAvailable, startBuiltServer } from '../support/built-server.ts';
import { type OfficerSession, signInOverHttp } from '../support/officer-session.ts';
import { aduanBody } from '../support/ticket-fixtures.ts';

const available = builtServerAvailable();
let server: BuiltServer;
let db: OpenedDatabase;
let admin: OfficerSession;
let desk: OfficerSession;
let kel: OfficerSession;

const SETTINGS = '/petugas/notifikasi';
const OUTBOX = '/petugas/pesan';
const ADDRESS = 'slrt.mojokerto@dinsos.example.go.id';
const SCRIPT = '<script>alert("x")</script>';

const fieldError = (html: string, field: string) =>
  new RegExp(`<p class="error" id="${field}-error"[^>]*>([^<]*)</p>`).exec(html)?.[1];

async function post(
  session: OfficerSession,
  path: string,
  fields: Record<string, string> | [string, string][],
  token?: string | null,
) {
  const res = await session.post(path, fields, token);
  return { status: res.status, html: await res.text() };
}

beforeAll(async () => {
  if (!available) return;
  server = await startBuiltServer();
  db = openDatabase(server.database);
  admin = await signInOverHttp(server.url, 'admin');
  desk = await signInOverHttp(server.url, 'dinsos.mojokerto');
  kel = await signInOverHttp(server.url, 'kel.wates');
}, 120_000);
afterAll(async () => {
  await db?.close();
  await server?.stop();
});

describe.skipIf(!available)('an officer chooses how they hear of new work', () => {
  it('finds the page in the menu and saves their own address and switches, audited without the address', async () => {
    const home = await (await desk.get('/petugas')).text();
    expect(home).toContain(`href="${SETTINGS}"`);
    const page = await desk.get(SETTINGS);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<h1>Pemberitahuan untuk saya</h1>');
    const saved = await post(desk, SETTINGS, { email: ADDRESS, new_case: '1', digest: '1' });
    expect(saved.status).toBe(200);
    expect(saved.html).toContain('Pengaturan pemberitahuan disimpan.');
    expect(saved.html).toContain(`value="${ADDRESS}"`);
    const row = await db.db
      .selectFrom('officer_notifications as n')
      .innerJoin('users as u', 'u.id', 'n.account_id')
      .select(['n.email', 'n.new_case', 'n.escalation', 'n.digest'])
      .where('u.username', '=', 'dinsos.mojokerto')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ email: ADDRESS, new_case: 1, escalation: 0, digest: 1 });
    const audit = await db.db
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'notification_settings')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.detail as string)).toEqual({
      email: true,
      webhook: false,
      new_case: true,
      escalation: false,
      digest: true,
    });
    // The English page says it in English.
    expect(await (await desk.get(`${SETTINGS}?lang=en`)).text()).toContain('<h1>My notifications</h1>');
  });

  it('refuses bad input by field, keeps what was typed, and changes nothing', async () => {
    const before = await db.db
      .selectFrom('officer_notifications')
      .selectAll()
      .orderBy('account_id')
      .execute();
    const html = await post(kel, SETTINGS, {
      email: `${SCRIPT}@x.example`,
      webhook_url: 'http://hooks.example.org/in',
      new_case: '1',
    });
    expect(html.status).toBe(422);
    expect(fieldError(html.html, 'email')).toContain('alamat e-mail yang benar');
    expect(fieldError(html.html, 'webhook_url')).toContain('https://');
    expect(html.html).not.toContain(SCRIPT);
    expect(html.html).toContain('value="http://hooks.example.org/in"');
    const nowhere = await post(kel, SETTINGS, { digest: '1' });
    expect(nowhere.status).toBe(422);
    expect(fieldError(nowhere.html, 'email')).toContain('Isi alamat e-mail atau alamat webhook');
    const huge = await post(kel, SETTINGS, { email: `${'a'.repeat(5000)}@x.example` });
    expect(huge.status).toBe(422);
    expect((await post(kel, SETTINGS, { email: 'kel@wates.example.id' }, null)).status).toBe(403);
    expect((await post(kel, SETTINGS, { email: 'kel@wates.example.id' }, 'forged-token')).status).toBe(403);
    expect((await post(kel, SETTINGS, [['__proto__[email]', 'kel@wates.example.id']])).status).toBe(400);
    expect(
      await db.db.selectFrom('officer_notifications').selectAll().orderBy('account_id').execute(),
    ).toEqual(before);
  });

  it('is no page for the admin, who works no cases', async () => {
    expect((await admin.get(SETTINGS)).status).toBe(404);
    expect((await post(admin, SETTINGS, { email: 'admin@dinsos.example.go.id', new_case: '1' })).status).toBe(
      404,
    );
  });
});

describe.skipIf(!available)('the admin sees the outbox message by message', () => {
  let messageId: number;
  let reference: string;

  it('lists the notice a new complaint queued, masked, with its ticket', async () => {
    const receipt = await fetch(`${server.url}/api/v1/aduan`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(aduanBody()),
    });
    expect(receipt.status).toBe(201);
    ({ reference } = (await receipt.json()) as { reference: string });
    const row = await db.db
      .selectFrom('outbox')
      .select(['id', 'recipient', 'kind', 'status', 'body'])
      .where('audience', '=', 'officer')
      .where('reference', '=', reference)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ recipient: ADDRESS, kind: 'new_case', status: 'queued' });
    messageId = row.id;
    const html = await (await admin.get(OUTBOX)).text();
    expect(html).toContain('Pesan terakhir satu per satu');
    expect(html).toContain(reference);
    expect(html).toContain('s*************@d****************.id');
    expect(html).not.toContain(ADDRESS);
    expect(html).toContain('Petugas (kasus baru)');
  });

  it('sends a failed message again, audited, and filters by state', async () => {
    await db.db
      .updateTable('outbox')
      .set({ status: 'failed', attempts: 8, last_error: 'rejected', failed_at: new Date().toISOString() })
      .where('id', '=', messageId)
      .execute();
    const failed = await (await admin.get(`${OUTBOX}?state=failed`)).text();
    expect(failed).toContain(`data-message="${messageId}"`);
    expect(failed).toContain('Kirim lagi');
    expect(failed).toContain('Ditolak');
    const queuedOnly = await (await admin.get(`${OUTBOX}?state=queued`)).text();
    expect(queuedOnly).not.toContain(`data-message="${messageId}"`);
    const again = await post(admin, OUTBOX, { message: String(messageId) });
    expect(again.status).toBe(200);
    expect(again.html).toContain('Pesan dimasukkan lagi ke antrean');
    const row = await db.db
      .selectFrom('outbox')
      .selectAll()
      .where('id', '=', messageId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'queued', attempts: 0, last_error: null });
    const audit = await db.db
      .selectFrom('audit_log')
      .select(['action', 'target_type'])
      .where('target_id', '=', String(messageId))
      .where('action', '=', 'outbox_resend')
      .execute();
    expect(audit).toEqual([{ action: 'outbox_resend', target_type: 'outbox' }]);
    // The second click of a double submit: no longer failed.
    const twice = await post(admin, OUTBOX, { message: String(messageId) });
    expect(twice.status).toBe(409);
    expect(twice.html).toContain('Hanya pesan yang gagal yang dapat dikirim lagi');
  });

  it('refuses an unknown message, a forged token and every other office', async () => {
    const unknown = await post(admin, OUTBOX, { message: '987654321' });
    expect(unknown.status).toBe(404);
    expect(unknown.html).toContain('Pesan itu tidak ada.');
    expect((await post(admin, OUTBOX, { message: 'abc' })).status).toBe(404);
    // A huge number and a field given twice are no message either.
    expect((await post(admin, OUTBOX, { message: '9'.repeat(400) })).status).toBe(404);
    expect(
      (
        await post(admin, OUTBOX, [
          ['message', 'x'],
          ['message', 'y'],
        ])
      ).status,
    ).toBe(404);
    expect((await post(admin, OUTBOX, { message: String(messageId) }, 'forged-token')).status).toBe(403);
    for (const officer of [desk, kel]) {
      expect((await officer.get(OUTBOX)).status).toBe(404);
      expect((await post(officer, OUTBOX, { message: String(messageId) })).status).toBe(404);
    }
  });
});
