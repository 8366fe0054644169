// In a real browser: the RT 008 head of Wates proposes two households in one sitting on his phone
// with scripts off (a household of another RT refused, the form kept) and verifies them; a
// resident objects to a listed recipient of Wates, the kelurahan checks and proves it; the
// household then stands on the next Musyawarah list, printable. The operator records the meeting
// (bad minutes refused first, 4xx, kept), which moves the proposals in one post, and the
// proposers' Lacak page shows the step. axe-core on every new page, at 360 px and 1280 px.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseFile, openSqlite } from '../../src/db/database.ts';
import { DEMO_ACCOUNTS } from '../../src/demo/demo-accounts.ts';
import { SOCIO_QUESTIONS, type SocioQuestion } from '../../src/domain/tickets/forms/usulan-form.ts';
import { axeViolations } from '../support/axe.ts';
import { browserTestsAvailable, launchChromium } from '../support/browser.ts';
import { type BuiltServer, builtServerAvailable, startBuiltServer } from '../support/built-server.ts';
import { freshHead } from '../support/ticket-fixtures.ts';

const available = builtServerAvailable() && browserTestsAvailable();
const WATES = '35.76.02.1010';
const SOCIO = Object.keys(SOCIO_QUESTIONS) as SocioQuestion[];

let server: BuiltServer;
let browser: Browser;
/** The receipts the RT head handed out, in order. */
const proposals: { name: string; reference: string; code: string }[] = [];
/** The listed recipient of Wates the resident objects to, as the register holds them. */
let recipient: { name: string; nik: string };

beforeAll(async () => {
  if (!available) return;
  server = await startBuiltServer();
  browser = await launchChromium();
  const { db } = openSqlite(databaseFile(server.dataDir));
  try {
    // A head of a listed household whose full name nobody else in Wates bears, and whom no
    // ticket names yet: searching that name finds exactly them.
    const heads = await db
      .selectFrom('household_members as m')
      .innerJoin('households as h', 'h.id', 'm.household_id')
      .select(['m.name', 'm.nik'])
      .where('h.village_code', '=', WATES)
      .where('m.relation', '=', 'kepala')
      .where((eb) =>
        eb.exists(
          eb.selectFrom('program_memberships as pm').select('pm.id').whereRef('pm.household_id', '=', 'h.id'),
        ),
      )
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('tickets as t').select('t.id').whereRef('t.target_member_id', '=', 'm.id'))),
      )
      .execute();
    const everyone = await db
      .selectFrom('household_members as m')
      .innerJoin('households as h', 'h.id', 'm.household_id')
      .select('m.name_search')
      .where('h.village_code', '=', WATES)
      .execute();
    const lower = everyone.map((p) => p.name_search);
    const unique = heads.find((h) => lower.filter((n) => n.includes(h.name.toUpperCase())).length === 1);
    if (!unique) throw new Error('no head of Wates with a name of their own');
    recipient = unique;
  } finally {
    await db.destroy();
  }
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function contextFor(screen: 'phone' | 'desk', javaScript: boolean): Promise<BrowserContext> {
  return browser.newContext({
    viewport: screen === 'phone' ? { width: 360, height: 800 } : { width: 1280, height: 800 },
    javaScriptEnabled: javaScript,
    baseURL: server.url,
    locale: 'id-ID',
    // axe-core is injected as a script: allowed past the page's CSP.
    bypassCSP: true,
  });
}

async function signIn(username: string, screen: 'phone' | 'desk', javaScript = true) {
  const account = DEMO_ACCOUNTS.find((a) => a.username === username);
  const context = await contextFor(screen, javaScript);
  const page = await context.newPage();
  await page.goto('/petugas/masuk');
  await page.fill('#username', username);
  await page.fill('#password', account?.password ?? '');
  await page.click('button[type=submit]:has-text("Masuk")');
  await page.waitForURL(/\/petugas$/);
  return { context, page };
}

/** Clicks a submit button and answers the status of the POST it sent. */
async function post(page: Page, button: string, path: string): Promise<number> {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === path),
    page.click(button),
  ]);
  await page.waitForLoadState();
  return response.status();
}

const fitsWidth = (page: Page, width: number) =>
  page.evaluate((w) => document.documentElement.scrollWidth <= w, width);

async function fillHousehold(page: Page, name: string, rt: string) {
  const head = freshHead();
  await page.fill('#head_nik', head.nik);
  await page.fill('#kk', head.kk);
  await page.fill('#head_name', name);
  await page.fill('#birth_date', head.birthDate);
  await page.check(head.sex === 'L' ? '#sex-0' : '#sex-1');
  await page.fill('#address', 'Jl. Raya Wates Gg. 2 No. 14');
  await page.fill('#rt', rt);
  await page.fill('#rw', '004');
  for (const q of SOCIO) await page.selectOption(`#socio-${q}`, SOCIO_QUESTIONS[q][0]);
  await page.check('#assets-5');
  await page.check('#consent-input');
  return head;
}

/** On the case page of `reference` (from the inbox's search), takes the move to `to`. */
async function moveCase(
  page: Page,
  reference: string,
  to: string,
  note?: { text: string; audience?: 'resident' | 'internal' },
) {
  await page.goto(`/petugas?q=${reference}`);
  await page.click(`a:has-text("${reference}")`);
  await page.waitForURL(/\/petugas\/tiket\/\d+$/);
  const form = page.locator(`#move-${to}`);
  if (note) {
    await form.locator('textarea[name=note]').fill(note.text);
    // A reason the resident must read has no choice of audience.
    if (note.audience) await page.check(`#move-${to}-aud-${note.audience}`);
  }
  // The form's own button, not "Pakai templat" beside the template list.
  await form.locator('button[type=submit]:not([name=use_template])').click();
  await expect.poll(() => page.locator('p.notice[role=status]').textContent()).toContain('Langkah tersimpan');
}

describe.skipIf(!available)('a proven objection reaches the Musyawarah Kelurahan', () => {
  it('the RT head proposes two households in one sitting on a phone without scripts', {
    timeout: 180_000,
  }, async () => {
    const rt = await signIn('rt008.wates', 'phone', false);
    const { page } = rt;
    await page.click('nav a:has-text("Usulan RT/RW")');
    await page.waitForURL(/\/petugas\/usulan-rt$/);
    expect(await page.locator('#rt').inputValue()).toBe('008');

    // A household of RT 009 is not his to propose: refused on the server, everything kept.
    const first = await fillHousehold(page, 'Sukarmi Wulandari', '009');
    await page.fill('#members-0-name', 'Dimas Pratama');
    await page.selectOption('#members-0-relation', 'anak');
    expect(await post(page, 'button[name=step][value=submit]', '/petugas/usulan-rt')).toBe(422);
    expect(await page.locator('.error-summary').textContent()).toContain('RT/RW Anda sendiri');
    expect(await page.locator('#head_nik').inputValue()).toBe(first.nik);
    expect(await page.locator('#members-0-name').inputValue()).toBe('Dimas Pratama');
    expect(await fitsWidth(page, 360)).toBe(true);

    // A member row more, without script: a post that keeps what was typed.
    await page.click('button[name=step][value=add_member]');
    await page.waitForLoadState();
    expect(await page.locator('#members-2-name').count()).toBe(1);
    expect(await page.locator('#members-0-name').inputValue()).toBe('Dimas Pratama');

    await page.fill('#rt', '8');
    expect(await post(page, 'button[name=step][value=submit]', '/petugas/usulan-rt')).toBe(200);
    proposals.push({
      name: 'Sukarmi Wulandari',
      reference: (await page.locator('.reference').textContent()) ?? '',
      code: (await page.locator('.tracking-code').textContent()) ?? '',
    });
    expect(await page.locator('p.notice[role=status]').first().textContent()).toContain('Sukarmi Wulandari');

    await page.click('a:has-text("Tambah rumah tangga lagi")');
    await page.waitForURL(/\/petugas\/usulan-rt$/);
    expect(await page.locator('#head_nik').inputValue()).toBe('');
    await fillHousehold(page, 'Tumiran Hadi', '008');
    expect(await post(page, 'button[name=step][value=submit]', '/petugas/usulan-rt')).toBe(200);
    proposals.push({
      name: 'Tumiran Hadi',
      reference: (await page.locator('.reference').textContent()) ?? '',
      code: (await page.locator('.tracking-code').textContent()) ?? '',
    });
    expect(proposals[0]?.reference).toMatch(/^USL-/);
    expect(proposals[1]?.reference).not.toBe(proposals[0]?.reference);

    // His RT's list shows both, verified by him as he proposed them: they wait for the kelurahan,
    // not for his own confirmation of what he has just written.
    await page.goto('/petugas/usulan-rt');
    for (const p of proposals) {
      const row = (await page.locator(`#ur-list + table tr:has-text("${p.reference}")`).textContent()) ?? '';
      expect(row).toContain('Diverifikasi RT/RW, menunggu Musyawarah Kelurahan');
    }
    expect(await fitsWidth(page, 360)).toBe(true);
    await rt.context.close();
  });

  it("the RT head's page passes axe-core, empty and with errors (axe needs scripts on)", {
    timeout: 120_000,
  }, async () => {
    const rt = await signIn('rt008.wates', 'phone');
    const { page } = rt;
    await page.goto('/petugas/usulan-rt');
    expect(await axeViolations(page)).toEqual([]);
    await fillHousehold(page, 'Sukarmi Wulandari', '009');
    expect(await post(page, 'button[name=step][value=submit]', '/petugas/usulan-rt')).toBe(422);
    expect(await axeViolations(page)).toEqual([]);
    expect(await fitsWidth(page, 360)).toBe(true);
    await rt.context.close();
  });

  it('a resident objects to a listed recipient and the kelurahan proves it', {
    timeout: 120_000,
  }, async () => {
    const context = await contextFor('phone', false);
    const page = await context.newPage();
    await page.goto('/sanggahan');
    for (const [level, code] of [
      ['province', '35'],
      ['regency', '35.76'],
      ['district', '35.76.02'],
      ['village', WATES],
    ] as const) {
      await page.selectOption(`#${level}`, code);
      await page.click('button[name=step][value=region]');
      await page.waitForLoadState();
    }
    await page.fill('#name', recipient.name);
    await page.click('button[name=step][value=search]');
    await page.waitForLoadState();
    expect(await page.locator('#target input[type=radio]').count()).toBe(1);
    await page.check('#target-0');
    await page.check('#reason-2');
    await page.fill('#description', 'Sudah pindah ke Sidoarjo sejak Maret, rumahnya dikontrakkan.');
    await page.check('#contact-anonymous');
    await page.check('#consent-input');
    await page.click('button[name=step][value=submit]');
    await page.waitForLoadState();
    const reference = (await page.locator('.reference').textContent()) ?? '';
    expect(reference).toMatch(/^SGH-/);
    await context.close();

    const kel = await signIn('kel.wates', 'desk');
    await moveCase(kel.page, reference, 'diperiksa_kelurahan');
    // The case says whom it is about: the recipient, their NIK and their programmes, in words.
    const concerned = (await kel.page.locator('#keluarga').textContent()) ?? '';
    expect(concerned).toContain('Penerima yang disanggah');
    expect(concerned).toContain(recipient.name);
    expect(concerned).toContain(recipient.nik);
    expect(concerned).toMatch(/Kepala keluarga|Istri|Anak/);
    expect(concerned).not.toMatch(/\b(active|collected|suspended|kepala)\b|_/);
    await moveCase(kel.page, reference, 'terbukti', {
      text: 'Hasil kunjungan: penerima sudah pindah domisili.',
    });
    await kel.context.close();
  });

  it('the household stands on the next list; the operator records the meeting in one post', {
    timeout: 180_000,
  }, async () => {
    // The Dinas Sosial, on a phone with scripts on (axe-core needs them), picks Wates: the same list.
    const dinsos = await signIn('dinsos.mojokerto', 'phone');
    await dinsos.page.click('nav a:has-text("Musyawarah Kelurahan")');
    await dinsos.page.selectOption('#mk-desa', WATES);
    await dinsos.page.click('button:has-text("Tampilkan")');
    await dinsos.page.waitForURL(/desa=35\.76\.02\.1010$/);
    expect(await dinsos.page.locator('main').textContent()).toContain(recipient.name);
    expect(await axeViolations(dinsos.page)).toEqual([]);
    expect(await fitsWidth(dinsos.page, 360)).toBe(true);
    // Empty minutes: refused, named field by field, still readable on the phone.
    expect(await post(dinsos.page, 'button:has-text("Simpan berita acara")', '/petugas/musyawarah')).toBe(
      422,
    );
    expect(await dinsos.page.locator('.error-summary li').count()).toBe(3);
    expect(await axeViolations(dinsos.page)).toEqual([]);
    expect(await fitsWidth(dinsos.page, 360)).toBe(true);
    await dinsos.context.close();

    // The operator works at her desk with scripts off: the page needs none.
    const kel = await signIn('kel.wates', 'desk', false);
    const { page } = kel;
    await page.click('nav a:has-text("Musyawarah Kelurahan")');
    await page.waitForURL(/\/petugas\/musyawarah$/);
    const main = () =>
      page
        .locator('main')
        .textContent()
        .then((t) => t ?? '');
    // Unmasked: the operator's list names the household and its NIK in full.
    expect(await main()).toContain(recipient.name);
    expect(await main()).toContain(recipient.nik);
    for (const p of proposals) expect(await main()).toContain(p.name);
    expect(await fitsWidth(page, 1280)).toBe(true);

    // Printed, it is the meeting's list: no menu, no form controls, every household.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.site-header nav').isVisible()).toBe(false);
    expect(await page.locator('form.musyawarah input[type=radio]').first().isVisible()).toBe(false);
    expect(await page.locator('form.musyawarah button[type=submit]').isVisible()).toBe(false);
    expect(await page.locator(`td:has-text("${recipient.nik}")`).isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });

    const rowOf = (text: string) => page.locator('table.agenda tr', { hasText: text });
    const decide = async (text: string, decision: string) => {
      await rowOf(text).locator(`input[type=radio][value=${decision}]`).check();
    };
    // Bad minutes: no date, no place, a refusal without its reason. 422, everything kept.
    await page.fill('#attendees', 'Lurah Wates\nKetua RT 008 RW 004\nPendamping PKH');
    await decide(proposals[0]?.name ?? '', 'disepakati');
    await decide(proposals[1]?.name ?? '', 'tidak_disepakati');
    expect(await post(page, 'button:has-text("Simpan berita acara")', '/petugas/musyawarah')).toBe(422);
    const summary = (await page.locator('.error-summary').textContent()) ?? '';
    expect(summary).toContain('Isi tanggal musyawarah');
    expect(summary).toContain('Isi tempat musyawarah');
    expect(summary).toContain('Tulis alasan usulan tidak disepakati');
    expect(await page.locator('#attendees').inputValue()).toBe(
      'Lurah Wates\nKetua RT 008 RW 004\nPendamping PKH',
    );
    expect(
      await rowOf(proposals[1]?.name ?? '')
        .locator('input[value=tidak_disepakati]')
        .isChecked(),
    ).toBe(true);

    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    await page.fill('#held_on', today);
    await page.fill('#place', 'Balai Kelurahan Wates');
    await decide(proposals[1]?.name ?? '', 'disepakati');
    await decide(recipient.name, 'disepakati');
    await rowOf(recipient.name).locator('textarea').fill('Dihapus pada pemutakhiran berikutnya.');
    expect(await post(page, 'button:has-text("Simpan berita acara")', '/petugas/musyawarah')).toBe(303);
    await page.waitForURL(/\/petugas\/musyawarah\/\d+\?hasil=1$/);
    const result = (await page.locator('#mk-result').textContent()) ?? '';
    expect(result).toMatch(/Hasil: \d+ tiket dipindahkan/);
    const minutes = (await page.locator('article.minutes').textContent()) ?? '';
    expect(minutes).toContain('Balai Kelurahan Wates');
    expect(minutes).toContain('Pendamping PKH');
    expect(minutes).toContain(recipient.name);
    for (const p of proposals) {
      const row = page.locator('article.minutes tr', { hasText: p.name });
      expect(await row.textContent()).toContain('Disepakati');
      expect(await row.textContent()).toContain('Dipindahkan: Dibahas di Musyawarah Kelurahan');
    }
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.site-header nav').isVisible()).toBe(false);
    expect(await page.locator('#mk-result').isVisible()).toBe(false);
    expect(await page.locator('.signatures').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
    const minutesUrl = new URL(page.url()).pathname;

    // The next list: the decided households are gone.
    await page.goto('/petugas/musyawarah');
    expect(await main()).not.toContain(recipient.nik);
    for (const p of proposals) expect(await main()).not.toContain(p.reference);
    await kel.context.close();

    // The minutes with scripts on, for axe-core, at the desk and on a phone.
    const reader = await signIn('kel.wates', 'desk');
    await reader.page.goto(`${minutesUrl}?hasil=1`);
    expect(await axeViolations(reader.page)).toEqual([]);
    await reader.page.setViewportSize({ width: 360, height: 800 });
    expect(await fitsWidth(reader.page, 360)).toBe(true);
    await reader.context.close();

    // Another village's operator does not find these minutes.
    const other = await signIn('kel.kranggan', 'phone');
    const response = await other.page.goto(minutesUrl);
    expect(response?.status()).toBe(404);
    await other.page.goto('/petugas/musyawarah');
    expect(await other.page.locator('main').textContent()).not.toContain(recipient.nik);
    expect(await fitsWidth(other.page, 360)).toBe(true);
    expect(await axeViolations(other.page)).toEqual([]);
    await other.context.close();
  });

  it("the proposers' Lacak page shows the Musyawarah step", { timeout: 60_000 }, async () => {
    const context = await contextFor('phone', false);
    const page = await context.newPage();
    const first = proposals[0];
    await page.goto('/lacak');
    await page.fill('#reference', first?.reference ?? '');
    await page.fill('#tracking_code', first?.code ?? '');
    await page.click('button[type=submit]');
    await page.waitForLoadState();
    expect(await page.locator('.timeline li strong').allTextContents()).toEqual([
      'Diajukan, menunggu verifikasi RT/RW',
      'Diverifikasi RT/RW, menunggu Musyawarah Kelurahan',
      'Dibahas di Musyawarah Kelurahan, menunggu verifikasi lapangan',
    ]);
    await context.close();
  });

  it('never answers a bad post to the new pages with a 5xx', { timeout: 120_000 }, async () => {
    const rt = await signIn('rt008.wates', 'phone');
    // Scripts on: fetch from the page carries the session cookie.
    const statuses = await rt.page.evaluate(async () => {
      const send = (path: string, body: string, type = 'application/x-www-form-urlencoded') =>
        fetch(path, { method: 'POST', body, headers: { 'content-type': type }, redirect: 'manual' }).then(
          (r) => r.status,
        );
      return [
        await send('/petugas/usulan-rt', 'head_nik=1&csrf=wrong'),
        await send('/petugas/usulan-rt', '{"not":"a form"}', 'application/json'),
        await send('/petugas/usulan-rt', '__proto__[x]=1'),
        await send('/petugas/musyawarah', 'held_on=x'),
      ];
    });
    expect(statuses[0]).toBe(403);
    for (const s of statuses) expect(s).toBeGreaterThanOrEqual(400);
    for (const s of statuses) expect(s).toBeLessThan(500);
    await rt.context.close();

    const kel = await signIn('kel.wates', 'desk');
    const csrf = await kel.page.evaluate(async () => {
      const html = await (await fetch('/petugas/musyawarah')).text();
      return /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
    });
    const answers = await kel.page.evaluate(async (token) => {
      const send = (body: string) =>
        fetch('/petugas/musyawarah', {
          method: 'POST',
          body,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          redirect: 'manual',
        }).then((r) => r.status);
      return [
        await send(`csrf=${token}&held_on=2026-02-30&place=&attendees=&ids=abc&ids=999999999`),
        await send(
          `csrf=${token}&held_on=${'9'.repeat(5000)}&place=${'x'.repeat(5000)}&ids=1&decision_1=menang`,
        ),
        await send('csrf=wrong&held_on=2026-11-01'),
      ];
    }, csrf);
    expect(answers).toEqual([422, 422, 403]);
    await kel.context.close();
  });
});
