// Sugeng's name is misspelt in the register (issue 22, decision 0033). On his phone (360 px) he
// follows the privacy notice to the data request form, asks for a correction (refused once
// without what is true, everything typed kept), and gets a receipt with the 72-hour limit and his
// NIK masked. The Dinas Sosial officer, also on a phone, opens the case and corrects the name
// through the register form; /cek then answers with the new name (masked), and Lacak says the
// data was corrected, with the office's words. Then (no JavaScript) he asks to see his data: the
// officer exports it from the case and answers with how to collect it, which Lacak shows.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseFile, openSqlite } from '../../src/db/database.ts';
import { DEMO_ACCOUNTS } from '../../src/demo/demo-accounts.ts';
import { axeViolations } from '../support/axe.ts';
import { type BrowserEnv, browserTestsAvailable, startBrowserEnv } from '../support/browser.ts';
import { signInOverHttp } from '../support/officer-session.ts';
import { LISTED_HOUSEHOLD } from '../support/ticket-fixtures.ts';

const available = browserTestsAvailable();
let env: BrowserEnv;

beforeAll(async () => {
  if (!available) return;
  env = await startBrowserEnv();
}, 120_000);
afterAll(async () => {
  if (!available) return;
  await env.close();
});

async function send(page: Page, pathname: string): Promise<number> {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === pathname),
    page.locator(`form[action="${pathname}"] button[type="submit"]`).click(),
  ]);
  await page.waitForLoadState();
  return response.status();
}

const fitsThePhone = async (page: Page) =>
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

async function ticketIdOf(reference: string): Promise<number> {
  const { db } = openSqlite(databaseFile(env.dataDir));
  try {
    const row = await db
      .selectFrom('ticket_submissions')
      .select('ticket_id')
      .where('reference', '=', reference)
      .executeTakeFirstOrThrow();
    return row.ticket_id;
  } finally {
    await db.destroy();
  }
}

describe.skipIf(!available)('a resident has their name corrected', () => {
  it('files a correction, the officer applies it, /cek shows the new name and Lacak says done', {
    timeout: 180_000,
  }, async () => {
    const { page } = await env.phone({ javaScript: true, bypassCSP: true });
    await page.goto('/privasi');
    await page.getByRole('link', { name: 'Ajukan permintaan melihat atau memperbaiki data Anda' }).click();
    await page.waitForURL(/\/permintaan-data/);
    expect(await page.locator('h1').textContent()).toBe('Lihat atau perbaiki data saya');
    expect(await axeViolations(page)).toEqual([]);
    await fitsThePhone(page);

    await page.fill('#nik', LISTED_HOUSEHOLD.nik);
    await page.fill('#kk', LISTED_HOUSEHOLD.kk);
    await page.getByLabel('Perbaiki data saya (ada data yang salah)').check();
    await page.selectOption('#field', 'nama');
    await page.fill('#wrong', 'SUGENG RIYADI');
    await page.check('#consent-input');
    // Without what is true: refused beside the field, what he typed kept.
    expect(await send(page, '/permintaan-data')).toBe(422);
    expect(await page.locator('#right-error').textContent()).toContain('Tulis data yang benar');
    expect(await page.inputValue('#wrong')).toBe('SUGENG RIYADI');
    expect(await page.inputValue('#nik')).toBe(LISTED_HOUSEHOLD.nik);
    expect(await page.locator('#field').inputValue()).toBe('nama');
    await fitsThePhone(page);
    expect(await axeViolations(page)).toEqual([]);

    await page.fill('#right', 'SUGENG RIYADHI <sesuai KTP>');
    expect(await send(page, '/permintaan-data')).toBe(200);
    const reference = (await page.locator('.reference').textContent({ timeout: 10_000 })) ?? '';
    expect(reference).toMatch(/^ADU-[A-Z0-9]+$/);
    const code = (await page.locator('.tracking-code').textContent()) ?? '';
    const receipt = (await page.locator('main').textContent()) ?? '';
    expect(receipt).toMatch(/wajib menjawab paling lambat/);
    expect(receipt).toContain('SUGENG RIYADHI <sesuai KTP>');
    expect(receipt).not.toContain(LISTED_HOUSEHOLD.nik);
    expect(receipt).toContain(`************${LISTED_HOUSEHOLD.nik.slice(-4)}`);
    await fitsThePhone(page);

    // The Dinas Sosial officer, on a phone too.
    const { page: office } = await env.phone({ javaScript: true });
    await office.goto('/petugas/masuk');
    await office.fill('#username', 'dinsos.mojokerto');
    await office.fill(
      '#password',
      DEMO_ACCOUNTS.find((a) => a.username === 'dinsos.mojokerto')?.password ?? '',
    );
    await office.click('button[type=submit]:has-text("Masuk")');
    await office.waitForURL(/\/petugas/);
    const id = await ticketIdOf(reference);
    await office.goto(`/petugas/tiket/${id}`);
    expect(await office.locator('.notice.data-request').textContent()).toContain('Permintaan perbaikan data');
    const form = office.locator('form#correct');
    await office.selectOption('#correct-field', 'name');
    const member = await form
      .locator('#correct-member option', { hasText: LISTED_HOUSEHOLD.name })
      .getAttribute('value');
    await office.selectOption('#correct-member', member ?? '');
    await office.fill('#correct-value', 'SUGENG RIYADHI');
    // No answer for the resident: refused, nothing changed, what was typed kept.
    await Promise.all([office.waitForLoadState(), form.locator('button[type=submit]').click()]);
    await office.locator('.error-summary').waitFor();
    expect(await office.inputValue('#correct-value')).toBe('SUGENG RIYADHI');
    await office.fill('#correct-answer', 'Nama sudah diperbaiki menjadi SUGENG RIYADHI sesuai KTP.');
    await Promise.all([
      office.waitForLoadState(),
      office.locator('form#correct button[type=submit]').click(),
    ]);
    await office.locator('p.notice[role=status]').waitFor();
    expect(await office.locator('p.notice[role=status]').textContent()).toContain('Data diperbaiki');
    expect(await office.locator('.corrections').textContent()).toContain(
      '“SUGENG RIYADI” → “SUGENG RIYADHI”',
    );
    await fitsThePhone(office);

    // /cek answers with the corrected name, masked as ever.
    await page.goto('/cek');
    await page.fill('#nik', LISTED_HOUSEHOLD.nik);
    await page.fill('#kk', LISTED_HOUSEHOLD.kk);
    expect(await send(page, '/cek')).toBe(200);
    const cek = (await page.locator('main').textContent()) ?? '';
    expect(cek).toContain('S****G R*****I');
    expect(cek).not.toContain('S****G R****I');
    await fitsThePhone(page);

    await page.goto('/lacak');
    await page.fill('#reference', reference);
    await page.fill('#tracking_code', code);
    expect(await send(page, '/lacak')).toBe(200);
    const outcome = (await page.locator('.data-request-outcome').textContent()) ?? '';
    expect(outcome).toContain('Data Anda sudah diperbaiki');
    expect(outcome).toContain('Nama sudah diperbaiki menjadi SUGENG RIYADHI sesuai KTP.');
    expect(await page.locator('.status').textContent()).toMatch(/selesai/i);
    await fitsThePhone(page);
    expect(await axeViolations(page)).toEqual([]);
  });
});

describe.skipIf(!available)('a resident asks to see their data', () => {
  it('files an access request, the officer exports from the case and answers, Lacak says how to collect', {
    timeout: 180_000,
  }, async () => {
    const { page } = await env.phone({ javaScript: false });
    await page.goto('/permintaan-data?permintaan=akses');
    expect(
      await page.getByLabel('Lihat data saya (salinan semua data yang disimpan tentang saya)').isChecked(),
    ).toBe(true);
    await page.fill('#nik', LISTED_HOUSEHOLD.nik);
    await page.fill('#kk', LISTED_HOUSEHOLD.kk);
    await page.check('#consent-input');
    expect(await send(page, '/permintaan-data')).toBe(200);
    const reference = (await page.locator('.reference').textContent({ timeout: 10_000 })) ?? '';
    const code = (await page.locator('.tracking-code').textContent()) ?? '';
    expect(reference).toMatch(/^ADU-/);
    await fitsThePhone(page);

    const desk = await signInOverHttp(env.server.url, 'dinsos.mojokerto');
    const id = await ticketIdOf(reference);
    const html = await (await desk.get(`/petugas/tiket/${id}`)).text();
    // The export is one posted form away; the NIK is in no link.
    expect(html).toContain('action="/petugas/akses"');
    expect(html).not.toMatch(new RegExp(`href="[^"]*${LISTED_HOUSEHOLD.nik}`));
    const exported = await desk.post('/petugas/akses', { nik: LISTED_HOUSEHOLD.nik, format: 'html' });
    expect(exported.status).toBe(200);
    // The export reads the register as corrected above.
    expect(await exported.text()).toContain('SUGENG RIYADHI');
    const version = () => {
      const { db } = openSqlite(databaseFile(env.dataDir));
      return db
        .selectFrom('tickets')
        .select('version')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
        .then((r) => String(r.version))
        .finally(() => db.destroy());
    };
    const close = async (fields: Record<string, string>) =>
      desk.post(`/petugas/tiket/${id}`, {
        action: 'move',
        to: 'selesai',
        expected: await version(),
        ...fields,
      });
    // Without an outcome, or with one only the register's change may give: refused, kept open.
    const none = await close({ answer: 'Ambil di meja SLRT.' });
    expect(none.status).toBe(422);
    expect(await none.text()).toContain('Pilih hasilnya');
    expect((await close({ answer: 'Ambil di meja SLRT.', data_request_outcome: 'dikoreksi' })).status).toBe(
      422,
    );
    // The kelurahan sees the case but cannot answer it.
    const wates = await signInOverHttp(env.server.url, 'kel.wates');
    const forged = await wates.post(`/petugas/tiket/${id}`, {
      action: 'move',
      to: 'selesai',
      expected: await version(),
      answer: 'Ambil di kelurahan.',
      data_request_outcome: 'dijawab',
    });
    expect(forged.status).toBeGreaterThanOrEqual(400);
    expect(forged.status).toBeLessThan(500);
    const answered = await close({
      answer: 'Salinan data dapat diambil di meja SLRT Dinas Sosial dengan membawa KTP asli.',
      data_request_outcome: 'dijawab',
    });
    expect(answered.status).toBeLessThan(400);

    await page.goto('/lacak');
    await page.fill('#reference', reference);
    await page.fill('#tracking_code', code);
    expect(await send(page, '/lacak')).toBe(200);
    const outcome = (await page.locator('.data-request-outcome').textContent()) ?? '';
    expect(outcome).toContain('Data Anda sudah siap');
    expect(outcome).toContain('Cara mengambil: Salinan data dapat diambil di meja SLRT');
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main).not.toContain(LISTED_HOUSEHOLD.nik);
    expect(main).not.toContain('SUGENG RIYADHI');
    await fitsThePhone(page);
  });
});
