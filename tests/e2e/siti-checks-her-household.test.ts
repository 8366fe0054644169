// Siti checks, from a cheap phone, whether her household is registered: with JavaScript on and
// off, with typos first, then a household that is not listed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserEnv, browserTestsAvailable, startBrowserEnv } from '../support/browser.ts';

const available = browserTestsAvailable();
let env: BrowserEnv;
let found: { nik: string; kk: string } | undefined;

beforeAll(async () => {
  if (!available) return;
  env = await startBrowserEnv();
});
afterAll(async () => {
  if (available) await env.close();
});

describe.skipIf(!available).each([
  { javaScript: true, label: 'JavaScript on' },
  { javaScript: false, label: 'JavaScript off' },
])('check by NIK ($label)', ({ javaScript }) => {
  it('shows the masked household, its programs and what to do next', async () => {
    found ??= await demoHousehold();
    const { page } = await env.phone({ javaScript });
    await page.goto('/cek');
    await page.getByLabel('NIK (16 angka)').fill(found.nik);
    await page.getByLabel('Nomor Kartu Keluarga (16 angka)').fill(found.kk);
    await page.getByRole('button', { name: 'Cek status' }).click();
    await page.waitForURL('**/cek');
    await expect
      .poll(() => page.getByRole('heading', { level: 2 }).first().textContent())
      .toBe('Keluarga terdaftar dan menerima bantuan');
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain('BPNT / Sembako');
    expect(text).toContain('Desember 2020');
    expect(text).toContain('Yang perlu dilakukan');
    expect(text).toContain(`************${found.nik.slice(-4)}`);
    expect(text).not.toContain(found.nik);
    expect(text).not.toContain(found.kk);
    expect(page.url()).not.toContain(found.nik);
    // Nothing wider than the phone: no sideways scrolling.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  });

  it('keeps what was typed and says which rule failed, beside the field', async () => {
    const { page } = await env.phone({ javaScript });
    await page.goto('/cek');
    await page.getByLabel('NIK (16 angka)').fill('3576013203850002');
    await page.getByLabel('Nomor Kartu Keluarga (16 angka)').fill('12345');
    await page.getByRole('button', { name: 'Cek status' }).click();
    await expect.poll(() => page.locator('#nik-error').textContent()).toContain('tanggal lahir');
    expect(await page.locator('#kk-error').textContent()).toContain('16 angka');
    expect(await page.getByLabel('NIK (16 angka)').inputValue()).toBe('3576013203850002');
    expect(await page.getByLabel('Nomor Kartu Keluarga (16 angka)').inputValue()).toBe('12345');
    expect(await page.locator('.error-summary').isVisible()).toBe(true);
  });

  it('says "not registered" with what to do, for a NIK nobody has', async () => {
    found ??= await demoHousehold();
    const { page } = await env.phone({ javaScript });
    await page.goto('/cek');
    await page.getByLabel('NIK (16 angka)').fill('3576010101010999');
    await page.getByLabel('Nomor Kartu Keluarga (16 angka)').fill(found.kk);
    await page.getByRole('button', { name: 'Cek status' }).click();
    await expect
      .poll(() => page.getByRole('heading', { level: 2 }).first().textContent())
      .toBe('Tidak terdaftar');
    expect(await page.getByRole('link', { name: /usulan/i }).count()).toBeGreaterThan(0);
  });
});

async function demoHousehold(): Promise<{ nik: string; kk: string }> {
  const { DEMO_HOUSEHOLDS } = await import('../../src/demo/generate-demo-data.ts');
  const bpnt = DEMO_HOUSEHOLDS.find((h) => h.key === 'bpnt');
  if (!bpnt) throw new Error('no BPNT demo household');
  return { nik: bpnt.nik, kk: bpnt.kk };
}
