// The admin keeps the officer accounts on /petugas/pengguna (issue 20), against the built server
// over plain HTTP with real sessions: the area is chosen with the region picker (regency →
// district → village, narrowed by "Pilih" without JavaScript), an account's name, role and area
// are edited (a new role or area signs the officer out everywhere), disabled and enabled again,
// each change audited before → after; the last admin stays an admin. Bad input answers 4xx with
// the message at its field and what was typed kept. A WITA office (OFFICE_TIME_ZONE) shows its
// officers WITA times and ends a due date at midnight WITA. One phone at 360 px, without
// JavaScript, picks an area step by step.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OpenedDatabase, openDatabase } from '../../src/db/database.ts';
import { DEMO_ACCOUNTS } from '../../src/demo/demo-accounts.ts';
import { browserTestsAvailable, launchChromium } from '../support/browser.ts';
import { type BuiltServer, builtServerAvailable, startBuiltServer } from '../support/built-server.ts';
import { type OfficerSession, signInOverHttp } from '../support/officer-session.ts';
import { aduanBody } from '../support/ticket-fixtures.ts';

const available = builtServerAvailable();
const withBrowser = available && browserTestsAvailable();
let server: BuiltServer;
let db: OpenedDatabase;
let admin: OfficerSession;

const PAGE = '/petugas/pengguna';
const SCRIPT = '<script>alert("akun")</script>';

const asAttribute = (text: string) => text.replaceAll('&', '&#38;').replaceAll('"', '&#34;');
const asText = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
const kept = (html: string, value: string) =>
  html.includes(asAttribute(value)) || html.includes(asText(value));
/** The message beside a field of one form (`create` or `edit`): `<p class="error" id="edit-village-error">`. */
const fieldError = (html: string, id: string) =>
  new RegExp(`<p class="error" id="${id}-error"[^>]*>([^<]*)</p>`).exec(html)?.[1];
const selectedIn = (html: string, id: string) =>
  new RegExp(`<select id="${id}"[^>]*>(?:(?!</select>).)*?<option value="([^"]*)" selected`, 's').exec(
    html,
  )?.[1];
const optionsIn = (html: string, id: string) =>
  [
    ...(new RegExp(`<select id="${id}"[^>]*>(.*?)</select>`, 's').exec(html)?.[1] ?? '').matchAll(
      /value="([^"]+)"/g,
    ),
  ].map((m) => m[1]);

async function post(
  session: OfficerSession,
  fields: Record<string, string> | [string, string][],
  token?: string | null,
) {
  const res = await session.post(PAGE, fields, token);
  return { status: res.status, html: await res.text() };
}
const userNamed = (username: string) =>
  db.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirstOrThrow();
const auditOf = async (userId: number) =>
  (
    await db.db
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('target_type', '=', 'user')
      .where('target_id', '=', String(userId))
      .orderBy('id')
      .execute()
  ).map((a) => [a.action, a.detail === null ? null : JSON.parse(a.detail as string)]);

beforeAll(async () => {
  if (!available) return;
  server = await startBuiltServer();
  db = openDatabase(server.database);
  admin = await signInOverHttp(server.url, 'admin');
}, 120_000);
afterAll(async () => {
  await db?.close();
  await server?.stop();
});

describe.skipIf(!available)('an admin keeps the officer accounts', { timeout: 120_000 }, () => {
  it('narrows the region picker without JavaScript and creates an account from it', async () => {
    const page = await (await admin.get(PAGE)).text();
    expect(optionsIn(page, 'create-regency')).toEqual(['35.76', '35.78']);
    expect(page).toContain('KOTA MOJOKERTO');
    expect(optionsIn(page, 'create-district')).toEqual([]);
    // The role is chosen in words.
    expect(page).toMatch(/<option value="kelurahan"[^>]*>[^<]*[Kk]elurahan/);

    const typed = {
      form: 'create',
      username: 'kel.gedongan',
      display_name: 'Sari Wulandari',
      role: 'kelurahan',
      password: 'pertama-kali-123',
    };
    const regency = await post(admin, { ...typed, regency: '35.76', action: 'pick' });
    expect(regency.status).toBe(200);
    expect(optionsIn(regency.html, 'create-district')).toEqual(['35.76.01', '35.76.02', '35.76.03']);
    expect(kept(regency.html, 'Sari Wulandari')).toBe(true);
    const district = await post(admin, { ...typed, regency: '35.76', district: '35.76.02', action: 'pick' });
    expect(optionsIn(district.html, 'create-village')).toContain('35.76.02.1004');
    expect(selectedIn(district.html, 'create-district')).toBe('35.76.02');
    expect(
      await db.db.selectFrom('users').select('id').where('username', '=', 'kel.gedongan').execute(),
    ).toHaveLength(0);

    const created = await post(admin, {
      ...typed,
      regency: '35.76',
      district: '35.76.02',
      village: '35.76.02.1004',
      action: 'create',
    });
    expect(created.status).toBe(200);
    expect(created.html).toContain('Pengguna dibuat.');
    const row = await userNamed('kel.gedongan');
    expect([row.role, row.area_code, row.must_change_password]).toEqual(['kelurahan', '35.76.02.1004', 1]);
    // The list names the place in words.
    expect(created.html).toContain('Gedongan, Magersari, KOTA MOJOKERTO');
  });

  it('edits the name, role and area; a new area signs the officer out; each change audited', async () => {
    const row = await userNamed('kel.gedongan');
    const officer = await signInOverHttp(server.url, 'kel.gedongan', 'pertama-kali-123');
    const form = await (await admin.get(`${PAGE}?ubah=${row.id}`)).text();
    expect(form).toContain('Ubah akun kel.gedongan');
    expect(selectedIn(form, 'edit-regency')).toBe('35.76');
    expect(selectedIn(form, 'edit-district')).toBe('35.76.02');
    expect(selectedIn(form, 'edit-village')).toBe('35.76.02.1004');

    const renamed = await post(admin, {
      form: 'edit',
      user: String(row.id),
      display_name: 'Sari W.',
      role: 'kelurahan',
      regency: '35.76',
      district: '35.76.02',
      village: '35.76.02.1004',
      action: 'update',
    });
    expect(renamed.status).toBe(200);
    expect(renamed.html).toContain('Akun diperbarui.');
    // Signed in still (on the password page its first password sends it to).
    expect((await officer.get('/petugas/sandi')).status).toBe(200);

    const moved = await post(admin, {
      form: 'edit',
      user: String(row.id),
      display_name: 'Sari W.',
      role: 'rt_rw',
      regency: '35.76',
      district: '35.76.02',
      village: '35.76.02.1008',
      rt: '2',
      rw: '5',
      action: 'update',
    });
    expect(moved.status).toBe(200);
    expect(moved.html).toContain('sesinya sudah diakhiri');
    const after = await userNamed('kel.gedongan');
    expect([after.role, after.area_code, after.rt, after.rw, after.display_name]).toEqual([
      'rt_rw',
      '35.76.02.1008',
      '002',
      '005',
      'Sari W.',
    ]);
    // The old session is over: the next page is the sign-in.
    const signedOut = await officer.get('/petugas/sandi');
    expect(signedOut.status).toBe(303);
    expect(signedOut.headers.get('location')).toContain('/petugas/masuk');

    const disabled = await post(admin, { user: String(row.id), action: 'disable' });
    expect(disabled.html).toContain('Pengguna dinonaktifkan');
    const enabled = await post(admin, { user: String(row.id), action: 'enable' });
    expect(enabled.html).toContain('Pengguna diaktifkan kembali.');
    expect(await auditOf(row.id)).toEqual([
      ['user_create', { role: 'kelurahan' }],
      ['user_update', { name: 'changed' }],
      [
        'user_update',
        {
          role: 'kelurahan → rt_rw',
          area: '35.76.02.1004 → 35.76.02.1008',
          rtrw: '— → 002/005',
          sessions: 'ended',
        },
      ],
      ['user_disable', null],
      ['user_enable', null],
    ]);
    // The audit page says it in words, at the office's time (WIB here).
    const log = await (await admin.get('/petugas/audit')).text();
    expect(log).toContain('Mengubah akun petugas');
    expect(log).toMatch(/\d\d\.\d\d\.\d\d WIB/);
  });

  it('refuses bad input at its field with 4xx, keeping what was typed', async () => {
    const row = await userNamed('kel.kranggan');
    const base = {
      form: 'edit',
      user: String(row.id),
      display_name: 'Operator Kranggan',
      role: 'kelurahan',
      regency: '35.76',
      district: '35.76.03',
      village: '35.76.03.1001',
      action: 'update',
    };
    const cases: [Record<string, string> | [string, string][], Record<string, RegExp>, string[]][] = [
      [{ ...base, display_name: '' }, { 'edit-display_name': /Wajib diisi/ }, []],
      [
        { ...base, display_name: 'x'.repeat(5000) },
        { 'edit-display_name': /Terlalu panjang/ },
        ['x'.repeat(5000)],
      ],
      [{ ...base, display_name: SCRIPT }, { 'edit-display_name': /tanda &lt; atau &gt;/ }, [SCRIPT]],
      [
        { ...base, regency: '35.78', district: '', village: '35.76.03.1001', display_name: 'Tetap Diketik' },
        { 'edit-village': /tidak berada di kabupaten\/kota yang dipilih/ },
        ['Tetap Diketik'],
      ],
      [
        {
          ...base,
          regency: '',
          district: '',
          village: '',
          area_code: '73.71.01.1001',
          display_name: 'Luar Wilayah',
        },
        { 'edit-area_code': /di luar wilayah layanan/ },
        ['73.71.01.1001', 'Luar Wilayah'],
      ],
      [
        { ...base, role: 'dinsos', regency: '', district: '', village: '' },
        { 'edit-regency': /Pilih kabupaten\/kota/ },
        [],
      ],
      [{ ...base, role: 'superadmin' }, { 'edit-role': /Pilih/ }, []],
      [
        [
          ...Object.entries(base).filter(([k]) => k !== 'display_name' && k !== 'role'),
          ['display_name[a]', 'x'],
          ['role[0]', 'admin'],
        ],
        { 'edit-display_name': /Wajib diisi/, 'edit-role': /Pilih/ },
        [],
      ],
    ];
    for (const [fields, messages, typed] of cases) {
      const answer = await post(admin, fields);
      expect(answer.status, JSON.stringify(fields).slice(0, 100)).toBe(422);
      expect(answer.html).toContain('class="error-summary"');
      for (const [id, message] of Object.entries(messages))
        expect(fieldError(answer.html, id), id).toMatch(message);
      for (const value of typed) expect(kept(answer.html, value), `kept ${value.slice(0, 40)}`).toBe(true);
      expect(answer.html).not.toContain(SCRIPT);
    }
    // A prototype's name in a field: refused before anything (400).
    expect((await post(admin, [...Object.entries(base), ['__proto__[role]', 'admin']])).status).toBe(400);
    // A forged form token: 403, the form still holds what was typed.
    const forged = await post(admin, { ...base, display_name: 'Tanpa Token' }, 'palsu');
    expect(forged.status).toBe(403);
    expect(kept(forged.html, 'Tanpa Token')).toBe(true);
    // Unknown accounts.
    expect((await post(admin, { ...base, user: '99999999' })).status).toBe(404);
    expect((await post(admin, { ...base, user: 'abc' })).status).toBe(404);
    expect((await admin.get(`${PAGE}?ubah=99999999`)).status).toBe(404);
    const unchanged = await userNamed('kel.kranggan');
    expect([unchanged.display_name, unchanged.role, unchanged.area_code]).toEqual([
      row.display_name,
      'kelurahan',
      '35.76.03.1001',
    ]);
    // The last admin stays one.
    const me = await userNamed('admin');
    const demote = await post(admin, {
      form: 'edit',
      user: String(me.id),
      display_name: me.display_name,
      role: 'dinsos',
      regency: '35.76',
      action: 'update',
    });
    expect(demote.status).toBe(422);
    expect(fieldError(demote.html, 'edit-role')).toMatch(/admin aktif terakhir/);
    expect((await userNamed('admin')).role).toBe('admin');
  });

  it('is no page for any other office', async () => {
    const row = await userNamed('kel.kranggan');
    for (const username of ['dinsos.mojokerto', 'kel.wates']) {
      const officer = await signInOverHttp(server.url, username);
      expect((await officer.get(PAGE)).status).toBe(404);
      expect(
        (
          await officer.post(PAGE, {
            form: 'edit',
            user: String(row.id),
            display_name: 'Diambil Alih',
            role: 'admin',
            action: 'update',
          })
        ).status,
      ).toBe(404);
    }
    expect((await userNamed('kel.kranggan')).role).toBe('kelurahan');
  });
});

describe.skipIf(!available)('a WITA office', { timeout: 120_000 }, () => {
  let wita: BuiltServer;
  let witaDb: OpenedDatabase;
  beforeAll(async () => {
    wita = await startBuiltServer({ OFFICE_TIME_ZONE: 'WITA' });
    witaDb = openDatabase(wita.database);
  }, 120_000);
  afterAll(async () => {
    await witaDb?.close();
    await wita?.stop();
  });

  it('shows its officers WITA times and ends a due date at midnight WITA', async () => {
    const receipt = await fetch(`${wita.url}/api/v1/aduan`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(aduanBody()),
    });
    expect(receipt.status).toBe(201);
    const { reference } = (await receipt.json()) as { reference: string };
    const ticket = await witaDb.db
      .selectFrom('ticket_submissions as s')
      .innerJoin('tickets as t', 't.id', 's.ticket_id')
      .select(['t.id', 't.due_at'])
      .where('s.reference', '=', reference)
      .executeTakeFirstOrThrow();
    // 23:59:59.999 WITA is 15:59:59.999 UTC.
    expect(ticket.due_at).toMatch(/T15:59:59\.999Z$/);
    const dinsos = await signInOverHttp(wita.url, 'dinsos.mojokerto');
    const page = await (await dinsos.get(`/petugas/tiket/${ticket.id}`)).text();
    expect(page).toMatch(/\d\d\.\d\d WITA/);
    expect(page).not.toMatch(/\d\d\.\d\d WIB/);
    const witaAdmin = await signInOverHttp(wita.url, 'admin');
    const log = await (await witaAdmin.get('/petugas/audit')).text();
    expect(log).toMatch(/\d\d\.\d\d\.\d\d WITA/);
    expect(log).not.toMatch(/ WIB</);
  });
});

describe.skipIf(!withBrowser)(
  'the account form on a 360 px phone without JavaScript',
  { timeout: 120_000 },
  () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser?.close();
    });

    it('picks regency, district and village with Pilih, and Enter creates the account', async () => {
      const context = await browser.newContext({
        viewport: { width: 360, height: 800 },
        javaScriptEnabled: false,
        baseURL: server.url,
        locale: 'id-ID',
      });
      const page = await context.newPage();
      await page.goto('/petugas/masuk');
      await page.fill('#username', 'admin');
      await page.fill('#password', DEMO_ACCOUNTS.find((a) => a.username === 'admin')?.password ?? '');
      await page.click('button[type=submit]:has-text("Masuk")');
      await page.waitForURL(/\/petugas/);
      await page.goto(PAGE);
      const form = page.locator('#buat');
      await form.getByLabel('Nama pengguna').fill('rt001.balongsari');
      await form.getByLabel('Nama lengkap').fill('Budi Santoso');
      await form.getByLabel('Peran').selectOption('rt_rw');
      await form.getByLabel('Kabupaten/kota').selectOption('35.76');
      await form.getByRole('button', { name: 'Pilih', exact: true }).click();
      await page.waitForLoadState();
      await form.getByLabel('Kecamatan').selectOption('35.76.02');
      await form.getByRole('button', { name: 'Pilih', exact: true }).click();
      await page.waitForLoadState();
      expect(await form.getByLabel('Nama lengkap').inputValue()).toBe('Budi Santoso');
      await form.getByLabel('Kelurahan/desa').selectOption('35.76.02.1008');
      await form.getByLabel('RT', { exact: true }).fill('1');
      await form.getByLabel('RW', { exact: true }).fill('3');
      await form.getByLabel('Kata sandi awal (pengguna harus menggantinya)').fill('pertama-kali-123');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      // Enter in the last field saves the account: it is not the "Pilih" that comes first in the form.
      await form.getByLabel('Kata sandi awal (pengguna harus menggantinya)').press('Enter');
      await page.getByRole('status').waitFor();
      expect(await page.getByRole('status').textContent()).toContain('Pengguna dibuat.');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      const row = await userNamed('rt001.balongsari');
      expect([row.role, row.area_code, row.rt, row.rw]).toEqual(['rt_rw', '35.76.02.1008', '001', '003']);
      await context.close();
    });
  },
);
