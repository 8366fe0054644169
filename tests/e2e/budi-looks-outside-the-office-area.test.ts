// Budi's mother lives in Pacitan, and his cousin's KK was issued in Merauke before Papua was
// split. This office (the demo: Kota Mojokerto and Kota Surabaya) holds neither: the answer must
// say so and where to check, never "no one by that name" or "not registered".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserEnv, browserTestsAvailable, startBrowserEnv } from '../support/browser.ts';

const available = browserTestsAvailable();
let env: BrowserEnv;

beforeAll(async () => {
  if (available) env = await startBrowserEnv();
});
afterAll(async () => {
  if (available) await env.close();
});

describe.skipIf(!available).each([{ javaScript: true }, { javaScript: false }])(
  'outside the service area (JavaScript $javaScript)',
  ({ javaScript }) => {
    it('offers the office area first, and a region outside it is answered "not held here"', async () => {
      const { page } = await env.phone({ javaScript });
      await page.goto('/cek/wilayah');
      const province = page.getByLabel('Provinsi', { exact: true });
      expect(await province.locator('optgroup').first().getAttribute('label')).toBe(
        'Wilayah layanan kantor ini',
      );
      expect(await province.locator('optgroup').first().locator('option').allTextContents()).toEqual([
        'JAWA TIMUR',
      ]);

      await province.selectOption({ label: 'JAWA TIMUR' });
      if (!javaScript) await page.getByRole('button', { name: 'Lanjut' }).click();
      const regency = page.getByLabel('Kabupaten/Kota', { exact: true });
      await expect.poll(() => regency.isEnabled()).toBe(true);
      expect(await regency.locator('optgroup').first().locator('option').allTextContents()).toEqual([
        'KOTA MOJOKERTO',
        'KOTA SURABAYA',
      ]);

      await regency.selectOption({ label: 'KABUPATEN PACITAN' });
      if (!javaScript) await page.getByRole('button', { name: 'Lanjut' }).click();
      const notice = page.locator('#outside-area');
      await notice.waitFor();
      const text = (await notice.textContent()) ?? '';
      expect(text).toContain('Data wilayah ini tidak ada di kantor ini');
      expect(text).toContain('KABUPATEN PACITAN, JAWA TIMUR berada di luar wilayah layanan kantor ini');
      expect(text).toContain('BUKAN berarti tidak terdaftar');
      expect(await notice.getByRole('link').getAttribute('href')).toBe('https://cekbansos.kemensos.go.id');
      expect(await page.getByLabel('Nama penerima manfaat (sesuai KTP)').isVisible()).toBe(false);
    });

    it('answers a KK issued in Merauke before the split by its new province, not "invalid"', async () => {
      const { page } = await env.phone({ javaScript });
      await page.goto('/cek');
      await page.getByLabel('NIK (16 angka)').fill('9101014107850001');
      await page.getByLabel('Nomor Kartu Keluarga (16 angka)').fill('9101012345670001');
      await page.getByRole('button', { name: 'Cek status' }).click();
      const notice = page.locator('#outside-area');
      await notice.waitFor();
      expect(await notice.textContent()).toContain(
        'Nomor KK ini diterbitkan di Merauke, KABUPATEN MERAUKE, PAPUA SELATAN',
      );
      expect(await page.locator('body').textContent()).not.toContain('Tidak terdaftar');
    });
  },
);
