// The smaller things a resident notices on a cheap phone (issue 11 §9), each checked in the
// browser against the built server: where the page leads the eye and the finger, what it says.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_HOUSEHOLDS } from '../../src/demo/generate-demo-data.ts';
import { type BrowserEnv, browserTestsAvailable, startBrowserEnv } from '../support/browser.ts';

const available = browserTestsAvailable();
let env: BrowserEnv;
const demo = (key: string) => {
  const h = DEMO_HOUSEHOLDS.find((d) => d.key === key);
  if (!h) throw new Error(key);
  return h;
};

beforeAll(async () => {
  if (available) env = await startBrowserEnv();
});
afterAll(async () => {
  if (available) await env.close();
});

describe.skipIf(!available)('small things', () => {
  it('"Tidak terdaftar" shows the form again with what was typed, and the title says so', async () => {
    const { page } = await env.phone({ javaScript: false });
    const h = demo('not_found');
    await page.goto('/cek');
    await page.getByLabel('NIK (16 angka)').fill(h.nik);
    await page.getByLabel('Nomor Kartu Keluarga (16 angka)').fill(h.kk);
    await page.getByRole('button', { name: 'Cek status' }).click();
    await page.locator('.result-not-found').waitFor();
    expect(await page.title()).toMatch(/^Tidak terdaftar – /);
    expect(await page.getByLabel('NIK (16 angka)').inputValue()).toBe(h.nik);
    expect(await page.getByLabel('Nomor Kartu Keluarga (16 angka)').inputValue()).toBe(h.kk);
    expect(await page.evaluate(() => document.activeElement?.classList.contains('result-not-found'))).toBe(
      true,
    );
  });

  it('an error changes the title and takes the focus to the error summary', async () => {
    const { page } = await env.phone({ javaScript: false });
    await page.goto('/cek');
    await page.getByLabel('NIK (16 angka)').fill('12');
    await page.getByRole('button', { name: 'Cek status' }).click();
    await page.locator('.error-summary').waitFor();
    expect(await page.title()).toMatch(/^Ada isian yang perlu diperbaiki – Cek status/);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('error-summary');
  });

  it('name search results come into view, and "no one by that name" says what to do next', async () => {
    const { page } = await env.phone({ javaScript: false });
    await page.goto('/cek/wilayah?province=35&regency=35.76&district=35.76.02&village=35.76.02.1009');
    await page.getByLabel('Nama penerima manfaat (sesuai KTP)').fill('siti');
    await page.getByRole('button', { name: 'Cari' }).click();
    await page.locator('#results').waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('results');
    const box = await page.locator('#results-title').boundingBox();
    expect(box?.y, JSON.stringify(box)).toBeGreaterThan(-5);
    expect(box?.y).toBeLessThan(800);
    expect(await page.title()).toMatch(/^Hasil pencarian: /);

    await page.getByLabel('Nama penerima manfaat (sesuai KTP)').fill('zzzqqq');
    await page.getByRole('button', { name: 'Cari' }).click();
    await page.locator('#results').waitFor();
    const text = (await page.locator('#results').textContent()) ?? '';
    expect(text).toContain('Tidak ada penerima dengan nama itu');
    expect(await page.locator('#results a[href="/cek"]').count()).toBe(1);
    expect(await page.locator('#results a[href="/usulan"]').count()).toBe(1);
  });

  it('region lists read "Pilih provinsi", not "Pilihprovinsi"', async () => {
    const { page } = await env.phone({ javaScript: false });
    await page.goto('/cek/wilayah');
    expect(await page.locator('#province option').first().textContent()).toBe('Pilih provinsi');
    await page.goto('/cek/wilayah?lang=en');
    expect(await page.locator('#province option').first().textContent()).toBe('Choose province');
  });

  it('links and option rows are at least 44 px tall, and the footer says no "API"', async () => {
    const { page } = await env.phone();
    await page.goto('/aduan');
    const heights = await page.evaluate(() =>
      [...document.querySelectorAll('.site-header a:not(.brand), .site-footer a, .choice label')].map((e) => [
        e.textContent?.trim().slice(0, 30),
        Math.round(e.getBoundingClientRect().height),
      ]),
    );
    expect(heights.length).toBeGreaterThan(10);
    expect(heights.filter(([, h]) => (h as number) < 44)).toEqual([]);
    expect(await page.locator('.site-footer').textContent()).not.toMatch(/\bAPI\b/);
  });

  it('contact inputs bring up the phone and email keyboards; the consent error has room', async () => {
    const { page } = await env.phone();
    await page.goto('/aduan');
    expect(await page.locator('input[name="contact.phone"]').getAttribute('type')).toBe('tel');
    expect(await page.locator('input[name="contact.email"]').getAttribute('type')).toBe('email');
    await page.locator('form[action="/aduan"] button[type="submit"]').click();
    await page.locator('#consent-error').waitFor();
    const error = await page.locator('#consent-error').boundingBox();
    expect(error?.width).toBeGreaterThan(250);
  });

  it('PBI-JK reads as a premium paid to BPJS, not as cash awaiting payment', async () => {
    const { page } = await env.phone();
    const h = demo('bpnt');
    await page.goto('/cek');
    await page.getByLabel('NIK (16 angka)').fill(h.nik);
    await page.getByLabel('Nomor Kartu Keluarga (16 angka)').fill(h.kk);
    await page.getByRole('button', { name: 'Cek status' }).click();
    const card = page.locator('.program', { hasText: 'PBI' });
    await card.waitFor();
    const text = (await card.textContent()) ?? '';
    expect(text).toContain('dibayar pemerintah');
    expect(text).not.toContain('menunggu penyaluran');
    expect(text).not.toContain('Nilai bantuan');
  });

  it('a phone set to English gets Indonesian until English is chosen, which is remembered', async () => {
    const { page } = await env.phone({ locale: 'en-US' });
    await page.goto('/cek');
    expect(await page.locator('html').getAttribute('lang')).toBe('id');
    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForURL(/lang=en/);
    await page.goto('/kriteria');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    // The API keeps Accept-Language: its clients are programs, not residents' phones.
    const ask = async (language: string) => {
      const res = await fetch(`${env.server.url}/api/v1/cek`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'accept-language': language },
        body: JSON.stringify({ nik: '12', kk: '34' }),
      });
      return JSON.stringify(await res.json());
    };
    expect(await ask('en')).not.toBe(await ask('id'));
    const plain = await fetch(`${env.server.url}/cek`, { headers: { 'accept-language': 'en-US,en;q=0.9' } });
    expect(await plain.text()).toContain('<html lang="id"');
  });
});
