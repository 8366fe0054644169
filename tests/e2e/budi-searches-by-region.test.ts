// Budi knows his neighbour's village and name, not her NIK: he walks down the region lists and
// searches by name, with JavaScript on (lists fill in place) and off (one step per submit).
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
  'region + name (JavaScript $javaScript)',
  ({ javaScript }) => {
    it('walks province → village and lists masked matches', async () => {
      const { page } = await env.phone({ javaScript });
      await page.goto('/cek/wilayah');
      const steps: [string, string][] = [
        ['Provinsi', 'JAWA TIMUR'],
        ['Kabupaten/Kota', 'KOTA MOJOKERTO'],
        ['Kecamatan', 'Magersari'],
        ['Desa/Kelurahan', 'Kedundung'],
      ];
      for (const [label, option] of steps) {
        const select = page.getByLabel(label, { exact: true });
        await expect.poll(() => select.isEnabled()).toBe(true);
        await select.selectOption({ label: option });
        if (!javaScript) await page.getByRole('button', { name: 'Lanjut' }).click();
      }
      const name = page.getByLabel('Nama penerima manfaat (sesuai KTP)');
      await expect.poll(() => name.isVisible()).toBe(true);
      await name.fill('si');
      await page.getByRole('button', { name: 'Cari' }).click();
      await expect.poll(() => page.locator('#name-error').textContent()).toContain('minimal 3 huruf');
      expect(await page.getByLabel('Desa/Kelurahan').inputValue()).toBe('35.76.02.1009');

      await page.getByLabel('Nama penerima manfaat (sesuai KTP)').fill('siti');
      await page.getByRole('button', { name: 'Cari' }).click();
      await page.locator('.result').waitFor();
      const rows = page.locator('table.matches tbody tr');
      expect(await rows.count()).toBeGreaterThan(0);
      expect(await rows.count()).toBeLessThanOrEqual(20);
      for (const cell of await page.locator('table.matches tbody tr td:first-child').allTextContents()) {
        expect(cell).toMatch(/\*/);
      }
    });
  },
);
