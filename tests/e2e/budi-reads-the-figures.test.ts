// Budi reads the public figures on his phone: he picks the region from the lists (he does not
// know "35.76"), switches program, and reloads; the figures must be those of a period the
// program has, and the period list must say what the heading says.
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

describe.skipIf(!available)('/statistik', () => {
  it('a period the program does not have shows the latest one it has, and says so', async () => {
    const { page } = await env.phone();
    const res = await page.goto('/statistik?region=35.76&program=PKH&period=2020-12');
    expect(res?.status()).toBe(200);
    expect(await page.locator('.notice').textContent()).toContain(
      'Program Keluarga Harapan (PKH) tidak punya data periode Desember 2020',
    );
    const heading = (await page.locator('#stats-title').textContent()) ?? '';
    expect(heading).toMatch(/Tahap \d \d{4}/);
    // Kota Mojokerto's PKH stage counts thousands of households, never "< 5".
    const total = (await page.locator('.figures tfoot td').first().textContent()) ?? '';
    expect(Number(total.replace(/\./g, ''))).toBeGreaterThan(1000);
    const periods = await page.locator('#period option').allTextContents();
    expect(periods.slice(1).every((p) => p.startsWith('Tahap'))).toBe(true);
  });

  it('the period list shows the period of the heading, also after a reload', async () => {
    const { page } = await env.phone();
    await page.goto('/statistik?region=35.76&program=BPNT');
    const selected = () => page.locator('#period option:checked').textContent();
    const heading = async () =>
      ((await page.locator('#stats-title').textContent()) ?? '').split(' · ').at(-1)?.trim();
    expect(await selected()).toBe(await heading());
    expect(await selected()).toBe('Desember 2020');
    await page.selectOption('#period', { label: 'November 2020' });
    await page.reload();
    expect(await selected()).toBe(await heading());
  });

  it.each([{ javaScript: true }, { javaScript: false }])(
    'the region is picked from the lists (JavaScript $javaScript)',
    async ({ javaScript }) => {
      const { page } = await env.phone({ javaScript });
      await page.goto('/statistik?region=35.78');
      expect(await page.locator('input#region').count()).toBe(0);
      await page.getByLabel('Provinsi', { exact: true }).selectOption({ label: 'JAWA TIMUR' });
      const regency = page.getByLabel('Kabupaten/Kota', { exact: true });
      await regency.selectOption({ label: 'KOTA MOJOKERTO' });
      await page.getByRole('button', { name: 'Tampilkan' }).click();
      await expect.poll(() => page.locator('#stats-title').textContent()).toContain('KOTA MOJOKERTO');
      expect(await page.locator('.figures tbody th').allTextContents()).toEqual([
        'Prajuritkulon',
        'Magersari',
        'Kranggan',
      ]);
      await page.getByLabel('Kecamatan', { exact: true }).selectOption({ label: 'Magersari' });
      await page.getByRole('button', { name: 'Tampilkan' }).click();
      await expect.poll(() => page.locator('#stats-title').textContent()).toContain('Magersari');
    },
  );
});
