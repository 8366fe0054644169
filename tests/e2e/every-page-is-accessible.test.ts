// axe-core scans every page, in both languages and in the states a resident meets (empty form,
// errors, results), at phone size. No violation of any impact is allowed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from '../support/axe.ts';
import { type BrowserEnv, browserTestsAvailable, startBrowserEnv } from '../support/browser.ts';

const available = browserTestsAvailable();
let env: BrowserEnv;

beforeAll(async () => {
  if (available) env = await startBrowserEnv();
});
afterAll(async () => {
  if (available) await env.close();
});

const pages = [
  '/',
  '/cek',
  '/cek/wilayah',
  '/kriteria',
  '/privasi',
  '/statistik',
  '/statistik?region=35.78.16&program=BST',
  '/statistik?region=99.99&program=XYZ&period=2020-13',
  '/usulan',
  '/sanggahan',
  '/aduan',
  '/aduan/reaktivasi',
  '/permintaan-data',
  '/lacak',
  '/no-such-page',
];

describe.skipIf(!available)('accessibility', () => {
  for (const lang of ['id', 'en']) {
    // One phone per language for all its pages: a fresh browser context per page cost more
    // than the scan. The pages are plain GETs, so nothing one leaves behind changes the next.
    let phone: Awaited<ReturnType<BrowserEnv['phone']>> | undefined;
    it.each(pages)(`%s (${lang}) has no axe violations`, async (path) => {
      phone ??= await env.phone({ bypassCSP: true });
      const { page } = phone;
      await page.goto(`${path}${path.includes('?') ? '&' : '?'}lang=${lang}`);
      expect(await axeViolations(page)).toEqual([]);
    });
  }

  it('the check form with errors, and the results, have no axe violations', async () => {
    const { page } = await env.phone({ bypassCSP: true });
    await page.goto('/cek');
    await page.getByLabel('NIK (16 angka)').fill('12');
    await page.getByRole('button', { name: 'Cek status' }).click();
    await page.locator('.error-summary').waitFor();
    expect(await axeViolations(page)).toEqual([]);

    const { DEMO_HOUSEHOLDS } = await import('../../src/demo/generate-demo-data.ts');
    for (const h of DEMO_HOUSEHOLDS) {
      await page.goto('/cek');
      await page.getByLabel('NIK (16 angka)').fill(h.nik);
      await page.getByLabel('Nomor Kartu Keluarga (16 angka)').fill(h.kk);
      await page.getByRole('button', { name: 'Cek status' }).click();
      await page.locator('.result').waitFor();
      expect(await axeViolations(page), h.nik).toEqual([]);
    }
  });

  it('a resident form with errors, its receipt and the tracking result have no axe violations', async () => {
    const { page } = await env.phone({ bypassCSP: true });
    await page.goto('/aduan');
    await page.locator('form[action="/aduan"] button[type="submit"]').click();
    await page.locator('.error-summary').waitFor();
    expect(await axeViolations(page), 'aduan with nothing filled').toEqual([]);

    await page.selectOption('#program', 'PKH');
    await page.check('#problem-0');
    await page.fill('#description', 'Dana PKH tahap tiga belum masuk ke rekening.');
    await page.check('#contact-anonymous');
    await page.check('#consent-input');
    await page.locator('form[action="/aduan"] button[type="submit"]').click();
    await page.locator('.receipt').waitFor();
    expect(await axeViolations(page), 'receipt').toEqual([]);
    const reference = (await page.locator('.reference').textContent()) ?? '';
    const code = (await page.locator('.tracking-code').textContent()) ?? '';

    await page.goto(`/lacak?ref=${reference}`);
    await page.fill('#tracking_code', 'AAAAA-AAAAA');
    await page.locator('button[name="action"][value="track"]').click();
    await page.locator('.error-summary').waitFor();
    expect(await axeViolations(page), 'lacak with a wrong code').toEqual([]);
    await page.fill('#tracking_code', code);
    await page.locator('button[name="action"][value="track"]').click();
    await page.locator('.result').waitFor();
    expect(await axeViolations(page), 'lacak result').toEqual([]);
  });

  it('the proposal and objection forms with errors have no axe violations', async () => {
    const { page } = await env.phone({ bypassCSP: true });
    await page.goto('/usulan');
    await page.locator('button[name="step"][value="submit"]').click();
    await page.locator('.error-summary').waitFor();
    expect(await axeViolations(page), 'usulan with nothing filled').toEqual([]);

    await page.goto('/sanggahan?province=35&regency=35.76&district=35.76.02&village=35.76.02.1009');
    await page.fill('#name', 'siti');
    await page.locator('button[name="step"][value="search"]').click();
    await page.locator('#target').waitFor();
    await page.locator('button[name="step"][value="submit"]').click();
    await page.locator('.error-summary').waitFor();
    expect(await axeViolations(page), 'sanggahan with results and errors').toEqual([]);
  });

  it('the region search with results has no axe violations', async () => {
    const { page } = await env.phone({ bypassCSP: true });
    await page.goto('/cek/wilayah?province=35&regency=35.76&district=35.76.02&village=35.76.02.1009');
    await page.getByLabel('Nama penerima manfaat (sesuai KTP)').fill('SITI');
    await page.getByRole('button', { name: 'Cari' }).click();
    await page.locator('.result').waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });
});
