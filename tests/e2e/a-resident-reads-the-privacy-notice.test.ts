// Every public form links to the privacy notice, which names the office that answers for the data
// (OFFICE_NAME, else the Dinas Sosial of the regency it serves first), what is done with it, the
// resident's rights and where to ask (OFFICE_PRIVACY_CONTACT, else the SLRT desk): on a phone,
// without JavaScript, in both languages; an operator's setting is shown as text, never as markup.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserEnv, browserTestsAvailable, startBrowserEnv } from '../support/browser.ts';
import { type BuiltServer, builtServerAvailable, startBuiltServer } from '../support/built-server.ts';

const available = browserTestsAvailable();
let env: BrowserEnv;

beforeAll(async () => {
  if (available) env = await startBrowserEnv();
});
afterAll(async () => {
  if (available) await env.close();
});

const FORMS = ['/cek', '/cek/wilayah', '/usulan', '/sanggahan', '/aduan', '/lacak'];

describe.skipIf(!available)('the privacy notice', () => {
  it('is linked under every public form and from the footer of every page', async () => {
    const { page } = await env.phone({ javaScript: false });
    for (const path of FORMS) {
      await page.goto(path);
      const link = page.locator('form + p.privacy-link a');
      expect(await link.count(), path).toBeGreaterThanOrEqual(1);
      expect(await link.first().textContent(), path).toBe('Bagaimana data Anda dipakai dan apa hak Anda');
      expect(await link.first().getAttribute('href'), path).toBe('/privasi');
      expect(await page.locator('footer a[href="/privasi"]').count(), path).toBe(1);
    }
  });

  it('names the office, what is done with the data, the rights and where to ask, on a phone', async () => {
    const { page } = await env.phone({ javaScript: false });
    await page.goto('/aduan');
    await page.getByRole('link', { name: 'Bagaimana data Anda dipakai dan apa hak Anda' }).click();
    await page.waitForURL('**/privasi');
    expect(await page.locator('h1').textContent()).toBe('Pemberitahuan privasi');
    const main = ((await page.locator('main').textContent()) ?? '').replace(/\s+/g, ' ');
    // The demo serves Kota Mojokerto first: its Dinas Sosial answers for the data.
    expect(main).toContain('Dinas Sosial Kota Mojokerto menjalankan layanan ini');
    expect(main).toContain('Undang-Undang Nomor 27 Tahun 2022');
    expect(main).toContain('paling lambat 3 × 24 jam');
    // No contact was set: the notice sends the resident to the desk, and invents no address.
    expect(await page.locator('.privacy-contact').textContent()).toBe(
      'Datang ke meja layanan SLRT Dinas Sosial Kota Mojokerto.',
    );
    expect(main).not.toMatch(/@|\{office\}|\{contact\}|privacy\./);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(360);
  });

  it('reads in English when English is chosen', async () => {
    const { page } = await env.phone({ javaScript: false });
    await page.goto('/privasi?lang=en');
    expect(await page.locator('h1').textContent()).toBe('Privacy notice');
    expect(await page.locator('.privacy-contact').textContent()).toBe(
      'Come to the SLRT desk of Dinas Sosial Kota Mojokerto.',
    );
  });
});

describe.skipIf(!builtServerAvailable())('the privacy notice with the office settings', () => {
  let server: BuiltServer;
  beforeAll(async () => {
    server = await startBuiltServer({
      OFFICE_NAME: 'Dinas Sosial <b>Kota Contoh</b>',
      OFFICE_PRIVACY_CONTACT: 'ppid@contoh.go.id, WhatsApp 0812-0000-0000',
    });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('names the office and the contact as set, as text', async () => {
    const res = await fetch(`${server.url}/privasi`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Dinas Sosial &lt;b&gt;Kota Contoh&lt;/b&gt; menjalankan layanan ini');
    expect(html).not.toContain('<b>Kota Contoh</b>');
    expect(html).toContain(
      'Hubungi ppid@contoh.go.id, WhatsApp 0812-0000-0000, atau datang ke meja layanan SLRT Dinas Sosial &lt;b&gt;Kota Contoh&lt;/b&gt;.',
    );
  });
});
