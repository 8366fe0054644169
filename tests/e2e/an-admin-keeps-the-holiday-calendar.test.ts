// The admin keeps the holiday calendar (issue 20) on /petugas/hari-libur, against the built server
// over plain HTTP with real sessions: the decreed dates are listed, the menu leads there, a new
// holiday is added and the next aduan's due date steps over it, it is removed again; each change is
// in the audit log. Bad input (no date, a past date, a date that does not exist, a duplicate, an
// empty or huge name, HTML, objects for strings, no form token) answers 4xx with the message at
// its field and what was typed kept. Any other office gets 404, for the page and for its posts.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OpenedDatabase, openDatabase } from '../../src/db/database.ts';
import { DEMO_ACCOUNTS } from '../../src/demo/demo-accounts.ts';
import { dueDateLabel } from '../../src/domain/tickets/due-dates.ts';
import { jakartaToday } from '../../src/domain/tickets/forms/dates.ts';
import { dueAtWithHolidays } from '../../src/domain/tickets/holidays.ts';
import { DEFAULT_TICKET_SETTINGS } from '../../src/domain/tickets/settings.ts';
import { axeViolations } from '../support/axe.ts';
import { browserTestsAvailable, launchChromium } from '../support/browser.ts';
import { type BuiltServer, builtServerAvailable, startBuiltServer } from '../support/built-server.ts';
import { type OfficerSession, signInOverHttp } from '../support/officer-session.ts';
import { aduanBody } from '../support/ticket-fixtures.ts';

const available = builtServerAvailable();
const withBrowser = available && browserTestsAvailable();
let server: BuiltServer;
let db: OpenedDatabase;
let admin: OfficerSession;

const PAGE = '/petugas/hari-libur';
const SCRIPT = '<script>alert("libur")</script>';

/** A date `days` from today in Jakarta, YYYY-MM-DD. */
const fromToday = (days: number) => {
  const [y, m, d] = jakartaToday(new Date()).split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
};
/** The first Monday at least `weeks` weeks ahead that no holiday holds yet. */
async function freeMonday(weeks: number): Promise<string> {
  for (let days = weeks * 7; ; days += 1) {
    const date = fromToday(days);
    if (new Date(`${date}T00:00:00Z`).getUTCDay() !== 1) continue;
    const taken = await db.db.selectFrom('holidays').select('id').where('date', '=', date).executeTakeFirst();
    if (!taken) return date;
  }
}

const asAttribute = (text: string) => text.replaceAll('&', '&#38;').replaceAll('"', '&#34;');
const asText = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
const kept = (html: string, value: string) =>
  html.includes(asAttribute(value)) || html.includes(asText(value));

/** The message beside a field: `<p class="error" id="FIELD-error">…</p>`. */
const fieldError = (html: string, field: string) =>
  new RegExp(`<p class="error" id="${field}-error"[^>]*>([^<]*)</p>`).exec(html)?.[1];

async function post(
  session: OfficerSession,
  fields: Record<string, string> | [string, string][],
  token?: string | null,
) {
  const res = await session.post(PAGE, fields, token);
  return { status: res.status, html: await res.text() };
}

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

describe.skipIf(!available)('an admin keeps the holiday calendar', () => {
  it('finds the page in the menu, with the decreed dates of this year and after', async () => {
    const home = await (await admin.get('/petugas/pengguna')).text();
    expect(home).toContain(`href="${PAGE}"`);
    const res = await admin.get(PAGE);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<h1>Hari libur</h1>');
    expect(html).toContain('datetime="2026-12-25"');
    expect(html).toContain('Kelahiran Yesus Kristus');
    expect(html).toContain('Ketetapan pemerintah (bawaan)');
    expect(html).toContain('datetime="2027-08-17"');
    const english = await (await admin.get(`${PAGE}?lang=en`)).text();
    expect(english).toContain('<h1>Holidays</h1>');
  });

  it('adds a holiday that the next aduan counts, then removes it; both audited', async () => {
    const monday = await freeMonday(3);
    // An aduan entered the Friday before counts three working days from the next Monday on.
    const friday = new Date(Date.parse(`${monday}T03:00:00Z`) - 3 * 86_400_000);
    const dueOfFriday = async () =>
      dueDateLabel(await dueAtWithHolidays(db.db, 'aduan', 'diterima', friday, DEFAULT_TICKET_SETTINGS));
    const before = await dueOfFriday();
    const added = await post(admin, { action: 'add', date: monday, name: 'Hari jadi kota' });
    expect(added.status).toBe(200);
    expect(added.html).toContain('Hari libur ditambahkan');
    expect(added.html).toContain(`datetime="${monday}"`);
    const row = await db.db
      .selectFrom('holidays')
      .selectAll()
      .where('date', '=', monday)
      .executeTakeFirstOrThrow();
    expect(row.name).toBe('Hari jadi kota');

    // The clock reads the database the server writes: the Monday is stepped over from now on.
    expect(await dueOfFriday()).not.toBe(before);
    expect(((await dueOfFriday()) as string) > (before as string)).toBe(true);
    // And an aduan submitted now gets its receipt's due date from the same calendar.
    const receipt = await fetch(`${server.url}/api/v1/aduan`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(aduanBody()),
    });
    expect(receipt.status).toBe(201);
    const { due_date } = (await receipt.json()) as { due_date: string };
    expect(due_date).toBe(
      dueDateLabel(await dueAtWithHolidays(db.db, 'aduan', 'diterima', new Date(), DEFAULT_TICKET_SETTINGS)),
    );

    const removed = await post(admin, { action: 'remove', holiday: String(row.id) });
    expect(removed.status).toBe(200);
    expect(removed.html).toContain('Hari libur dihapus.');
    expect(removed.html).not.toContain(`datetime="${monday}"`);
    const audit = await db.db
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('target_type', '=', 'holiday')
      .where('target_id', '=', String(row.id))
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['holiday_add', 'holiday_remove']);
    expect(audit.map((a) => JSON.parse(a.detail as string))).toEqual([{ date: monday }, { date: monday }]);
    // The audit page says it in words.
    const log = await (await admin.get('/petugas/audit')).text();
    expect(log).toContain('Menambah hari libur');
  });

  it('refuses bad input at its field, with 422, keeping what was typed', async () => {
    const count = async () => (await db.db.selectFrom('holidays').select('id').execute()).length;
    const before = await count();
    const cases: [Record<string, string> | [string, string][], Record<string, RegExp>, string[]][] = [
      [{ action: 'add', date: '', name: '' }, { date: /Isi tanggal/, name: /Isi nama/ }, []],
      [
        { action: 'add', date: fromToday(-1), name: 'Kemarin' },
        { date: /sudah lewat/ },
        [fromToday(-1), 'Kemarin'],
      ],
      [
        { action: 'add', date: '2027-02-30', name: 'Tidak ada' },
        { date: /tidak ada di kalender/ },
        ['2027-02-30'],
      ],
      [{ action: 'add', date: '30-03-2027', name: 'KTP' }, { date: /TTTT-BB-HH/ }, ['30-03-2027']],
      [{ action: 'add', date: '2027-12-25', name: 'Natal lagi' }, { date: /sudah tercatat/ }, ['Natal lagi']],
      [
        { action: 'add', date: fromToday(40), name: 'x'.repeat(5000) },
        { name: /terlalu panjang/ },
        ['x'.repeat(5000)],
      ],
      [{ action: 'add', date: SCRIPT, name: SCRIPT }, { date: /TTTT-BB-HH/ }, [SCRIPT]],
      [
        [
          ['action', 'add'],
          ['date[y]', '2027'],
          ['name[0]', 'a'],
        ],
        { date: /Isi tanggal/, name: /Isi nama/ },
        [],
      ],
    ];
    for (const [fields, messages, typed] of cases) {
      const answer = await post(admin, fields);
      expect(answer.status, JSON.stringify(fields).slice(0, 80)).toBe(422);
      expect(answer.html).toContain('class="error-summary"');
      for (const [field, message] of Object.entries(messages))
        expect(fieldError(answer.html, field)).toMatch(message);
      for (const value of typed) expect(kept(answer.html, value), `kept ${value.slice(0, 40)}`).toBe(true);
      expect(answer.html).not.toContain(SCRIPT);
    }
    // A field name reaching a prototype, and a post without the form token: refused before anything.
    expect(
      (
        await post(admin, [
          ['action', 'add'],
          ['__proto__[date]', '2027-03-10'],
          ['name', 'X'],
        ])
      ).status,
    ).toBe(400);
    const forged = await post(admin, { action: 'add', date: fromToday(50), name: 'Tanpa token' }, null);
    expect(forged.status).toBe(403);
    expect(kept(forged.html, 'Tanpa token')).toBe(true);
    // Removing a past holiday, an unknown one, or an unknown action.
    const past = await db.db
      .selectFrom('holidays')
      .select('id')
      .where('date', '=', '2026-01-01')
      .executeTakeFirstOrThrow();
    const pastAnswer = await post(admin, { action: 'remove', holiday: String(past.id) });
    expect(pastAnswer.status).toBe(422);
    expect(pastAnswer.html).toContain('sudah lewat tidak dapat dihapus');
    expect((await post(admin, { action: 'remove', holiday: '99999999' })).status).toBe(404);
    expect((await post(admin, { action: 'remove', holiday: 'abc' })).status).toBe(404);
    expect((await post(admin, { action: 'hapus-semua' })).status).toBe(422);
    expect(await count()).toBe(before);
  });

  it('is no page for any other office: 404 for the page and its posts, and no menu entry', async () => {
    const christmas = await db.db
      .selectFrom('holidays')
      .select('id')
      .where('date', '=', '2027-12-25')
      .executeTakeFirstOrThrow();
    for (const username of ['dinsos.mojokerto', 'kel.wates', 'rt008.wates']) {
      const officer = await signInOverHttp(server.url, username);
      const page = await officer.get(PAGE);
      expect(page.status, username).toBe(404);
      const html = await page.text();
      expect(html).not.toContain('Kelahiran Yesus Kristus');
      expect(html).not.toContain(`href="${PAGE}"`);
      expect((await officer.post(PAGE, { action: 'add', date: fromToday(60), name: 'Palsu' })).status).toBe(
        404,
      );
      expect((await officer.post(PAGE, { action: 'remove', holiday: String(christmas.id) })).status).toBe(
        404,
      );
    }
    expect(
      await db.db.selectFrom('holidays').select('id').where('id', '=', christmas.id).execute(),
    ).toHaveLength(1);
    expect(
      await db.db.selectFrom('holidays').select('id').where('name', '=', 'Palsu').execute(),
    ).toHaveLength(0);
    // Signed out: to the login.
    const anonymous = await fetch(`${server.url}${PAGE}`, { redirect: 'manual' });
    expect(anonymous.status).toBe(303);
  });
});

describe.skipIf(!withBrowser)('the holiday page on a 360 px phone', { timeout: 120_000 }, () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const javaScript of [false, true]) {
    it(`adds a holiday, refused first at its field (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
      const context = await browser.newContext({
        viewport: { width: 360, height: 800 },
        javaScriptEnabled: javaScript,
        baseURL: server.url,
        locale: 'id-ID',
        bypassCSP: true,
      });
      const page = await context.newPage();
      await page.goto('/petugas/masuk');
      await page.fill('#username', 'admin');
      await page.fill('#password', DEMO_ACCOUNTS.find((a) => a.username === 'admin')?.password ?? '');
      await page.click('button[type=submit]:has-text("Masuk")');
      await page.waitForURL(/\/petugas/);
      await page.getByRole('link', { name: 'Hari libur' }).first().click();
      await page.waitForURL(/hari-libur/);

      const name = javaScript ? 'Libur daerah JS' : 'Libur daerah HTML';
      await page.getByLabel('Tanggal', { exact: true }).fill(fromToday(-2));
      await page.getByLabel('Nama hari libur').fill(name);
      await page.getByRole('button', { name: 'Tambah', exact: true }).click();
      await page.locator('.error-summary').waitFor();
      const error = page.locator('#date-error');
      expect(await error.textContent()).toContain('Tanggal itu sudah lewat');
      expect(await error.isVisible()).toBe(true);
      expect(await page.getByLabel('Nama hari libur').inputValue()).toBe(name);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      if (javaScript) expect(await axeViolations(page)).toEqual([]);

      const date = await freeMonday(javaScript ? 8 : 9);
      await page.getByLabel('Tanggal', { exact: true }).fill(date);
      await page.getByRole('button', { name: 'Tambah', exact: true }).click();
      await page.getByRole('status').waitFor();
      expect(await page.getByRole('status').textContent()).toContain('Hari libur ditambahkan');
      expect(await page.locator(`time[datetime="${date}"]`).count()).toBe(1);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      if (javaScript) expect(await axeViolations(page)).toEqual([]);
      await page.getByRole('button', { name: `Hapus hari libur ${date}` }).click();
      await page.getByRole('status').waitFor();
      expect(await page.locator(`time[datetime="${date}"]`).count()).toBe(0);
      await context.close();
    });
  }
});
