// Joko, from Kedundung, knows that a recipient called Siti has a shop and a car: he objects,
// anonymously, from his phone, with JavaScript on and off. His description holds HTML and a
// script (shown as text, never run), and the page never shows more of the recipient than Cek
// status does: masked names only.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseFile, openSqlite } from '../../src/db/database.ts';
import { type BrowserEnv, browserTestsAvailable, startBrowserEnv } from '../support/browser.ts';

const available = browserTestsAvailable();
let env: BrowserEnv;
let realNames: string[] = [];

const KEDUNDUNG = '35.76.02.1009';
const DESCRIPTION = 'Punya toko besar <b>bold</b><script>alert(1)</script> dan mobil baru.';

beforeAll(async () => {
  if (!available) return;
  env = await startBrowserEnv();
  const { db } = openSqlite(databaseFile(env.dataDir));
  try {
    const rows = await db
      .selectFrom('household_members as m')
      .innerJoin('households as h', 'h.id', 'm.household_id')
      .select('m.name')
      .where('h.village_code', '=', KEDUNDUNG)
      .execute();
    realNames = rows.map((r) => r.name);
  } finally {
    await db.destroy();
  }
});
afterAll(async () => {
  if (available) await env.close();
});

async function pickKedundung(page: Page, javaScript: boolean) {
  const levels: [string, string][] = [
    ['province', '35'],
    ['regency', '35.76'],
    ['district', '35.76.02'],
    ['village', KEDUNDUNG],
  ];
  for (const [level, code] of levels) {
    const select = page.locator(`#${level}`);
    await expect.poll(() => select.isEnabled()).toBe(true);
    await expect.poll(() => select.locator(`option[value="${code}"]`).count()).toBe(1);
    await select.selectOption(code);
    if (!javaScript) {
      await page.locator('button[name="step"][value="region"]').click();
      await page.waitForLoadState();
    }
  }
}

/**
 * No real (unmasked) name of anyone in the village appears on the page. Names shorter than six
 * letters are skipped: they could be part of a region's name in the lists.
 */
async function expectNoRealName(page: Page) {
  const html = await page.locator('main').innerHTML();
  for (const name of realNames) if (name.length >= 6) expect(html, name).not.toContain(name);
}

describe.skipIf(!available).each([{ javaScript: true }, { javaScript: false }])(
  'Joko objects to a recipient (JavaScript $javaScript)',
  ({ javaScript }) => {
    it('finds "siti" in Kedundung, objects anonymously with HTML in the text, and gets a receipt', async () => {
      expect(realNames.length).toBeGreaterThan(0);
      const { page } = await env.phone({ javaScript });
      const dialogs: string[] = [];
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      await page.goto('/sanggahan');
      await pickKedundung(page, javaScript);
      const name = page.locator('#name');
      await expect.poll(() => name.isVisible()).toBe(true);
      await name.fill('siti');
      await page.locator('button[name="step"][value="search"]').click();
      await page.waitForLoadState();
      await expect.poll(() => page.locator('#target input[type="radio"]').count()).toBeGreaterThan(0);
      const listed = await page.locator('#target label').allTextContents();
      for (const label of listed) expect(label).toContain('*');
      await expectNoRealName(page);
      const chosenLabel = listed[0] ?? '';
      // The radio's value is an opaque id, never a NIK.
      expect(await page.locator('#target-0').getAttribute('value')).not.toMatch(/^\d{16}$/);

      await page.check('#target-0');
      await page.check('#reason-0');
      await page.fill('#description', DESCRIPTION);
      await page.check('#contact-anonymous');
      await page.fill('#contact-name', 'Joko Susilo');
      await page.check('#consent-input');
      await page.locator('button[name="step"][value="submit"]').click();
      await page.waitForLoadState();

      const reference = (await page.locator('.reference').textContent({ timeout: 10_000 })) ?? '';
      expect(reference).toMatch(/^SGH-[A-Z0-9]+$/);
      expect(await page.locator('.tracking-code').textContent()).toMatch(/\S{5,}/);
      const receipt = page.locator('.receipt');
      // The description is shown as the text typed: no <b> or <script> element came from it.
      expect(await receipt.textContent()).toContain('<b>bold</b><script>alert(1)</script>');
      expect(await receipt.locator('b, script').count()).toBe(0);
      expect(await receipt.textContent()).toContain(chosenLabel);
      expect(chosenLabel).toContain('*');
      expect(await receipt.textContent()).toContain('Sudah mampu');
      expect(await page.locator('figure.qr img').getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
      await expectNoRealName(page);
      expect(dialogs).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

      // Anonymous: no contact stored, though a name was typed.
      const { db } = openSqlite(databaseFile(env.dataDir));
      try {
        const row = await db
          .selectFrom('ticket_submissions')
          .select(['contact', 'payload'])
          .where('reference', '=', reference)
          .executeTakeFirstOrThrow();
        expect(row.contact).toBeNull();
        expect(row.payload).not.toContain('Joko');
      } finally {
        await db.destroy();
      }
    });

    it('asks to pick a recipient and keeps the text when none was chosen', async () => {
      const { page } = await env.phone({ javaScript });
      await page.goto('/sanggahan');
      await pickKedundung(page, javaScript);
      await page.fill('#name', 'siti');
      await page.locator('button[name="step"][value="search"]').click();
      await page.waitForLoadState();
      await page.check('#reason-1');
      await page.fill('#description', 'مرحبا שלום 👋🏽 sudah meninggal tahun lalu.');
      await page.check('#contact-anonymous');
      await page.check('#consent-input');
      const [response] = await Promise.all([
        page.waitForResponse(
          (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/sanggahan',
        ),
        page.locator('button[name="step"][value="submit"]').click(),
      ]);
      await page.waitForLoadState();
      expect(response.status()).toBe(422);
      await expect.poll(() => page.locator('.error-summary').count()).toBe(1);
      expect(await page.locator('.error-summary').textContent()).toContain('pilih penerima');
      expect(await page.inputValue('#description')).toBe('مرحبا שלום 👋🏽 sudah meninggal tahun lalu.');
      expect(await page.locator('#reason-1').isChecked()).toBe(true);
      expect(await page.locator('#contact-anonymous').isChecked()).toBe(true);
      expect(await page.inputValue('#name')).toBe('siti');
      for (const label of await page.locator('#target label').allTextContents()) expect(label).toContain('*');
      await expectNoRealName(page);
    });
  },
);
