// Rina files a complaint on her phone; in a real browser the SLRT desk of the Dinas Sosial
// forwards it to the paying bank (with a due date), follows it up and answers it with the "KKS
// terblokir" template, edited before sending, on a phone without scripts (the "Pakai templat"
// button re-renders the form) and at a desk with scripts (it fills the answer in place). Rina
// reopens it on /lacak: it goes back to the bank's step, not to the start (decision 0025), and
// her phone says who has it now; the desk's case page shows the reopening with its new deadline,
// and the desk answers again. Her Lacak page shows each step with the notes meant for her and
// none of the internal ones; an e-mail reaches her for each step she sees.
// The back-office pages visited pass axe-core.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../src/demo/demo-accounts.ts';
import { axeViolations } from '../support/axe.ts';
import { browserTestsAvailable, launchChromium } from '../support/browser.ts';
import { type BuiltServer, builtServerAvailable, startBuiltServer } from '../support/built-server.ts';
import { type SmtpReceiver, startSmtpReceiver } from '../support/notification-receivers.ts';

const available = builtServerAvailable() && browserTestsAvailable();
const EMAIL = 'rina.wulandari@example.com';
const INTERNAL = 'Sudah telepon cabang BRI Majapahit, petugas: Pak Hadi.';
const EDITED = 'Blokir dibuka di cabang mana saja, bawa juga buku tabungan.';

let server: BuiltServer;
let smtp: SmtpReceiver;
let browser: Browser;
let reference = '';
let code = '';

beforeAll(async () => {
  if (!available) return;
  smtp = await startSmtpReceiver();
  server = await startBuiltServer({
    SMTP_URL: smtp.url,
    SMTP_FROM: 'Dinas Sosial <noreply@dinsos.example.go.id>',
    OUTBOX_INTERVAL_SECONDS: '1',
  });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await smtp?.close();
});

async function newScreen(
  screen: 'phone' | 'desk',
  javaScript: boolean,
  bypassCSP = false,
): Promise<BrowserContext> {
  return browser.newContext({
    viewport: screen === 'phone' ? { width: 360, height: 800 } : { width: 1280, height: 800 },
    javaScriptEnabled: javaScript,
    baseURL: server.url,
    locale: 'id-ID',
    // axe-core is injected as a script, which the page's CSP would refuse.
    bypassCSP,
  });
}

/** The SLRT desk's browser, signed in through the login form, on Rina's complaint. */
async function deskOnTheCase(screen: 'phone' | 'desk', javaScript: boolean) {
  const account = DEMO_ACCOUNTS.find((a) => a.username === 'dinsos.mojokerto');
  const context = await newScreen(screen, javaScript, true);
  const page = await context.newPage();
  await page.goto('/petugas');
  await page.fill('#username', 'dinsos.mojokerto');
  await page.fill('#password', account?.password ?? '');
  await page.click('button[type=submit]:has-text("Masuk")');
  await page.waitForURL(/\/petugas$/);
  await page.goto(`/petugas?q=${reference}`);
  await page.click(`a:has-text("${reference}")`);
  await page.waitForURL(/\/petugas\/tiket\/\d+$/);
  return { context, page };
}

async function saved(page: Page) {
  await expect.poll(() => page.locator('p.notice[role=status]').textContent()).toContain('Langkah tersimpan');
}

const noWiderThan = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

async function forwardAndFollowUp(page: Page, note: string) {
  const forward = page.locator('#move-diteruskan');
  await forward.locator('select[name=unit]').selectOption('bank_penyalur');
  await forward.locator('textarea[name=note]').fill(note);
  await page.check('#move-diteruskan-aud-resident');
  await forward.locator('button.button:not([name])').click();
  await saved(page);
  // The unit holds it now, with the date it is due back.
  const facts = (await page.locator('dl.facts').first().textContent()) ?? '';
  expect(facts).toContain('Bank penyalur');
  expect(facts).toMatch(/Batas waktu \d{1,2} \p{L}+ \d{4}/u);
  await page.locator('#move-ditindaklanjuti button.button:not([name])').click();
  await saved(page);
}

async function lacak(page: Page, action: 'track' | 'reopen') {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/lacak'),
    page.locator(`button[name="action"][value="${action}"]`).click(),
  ]);
  await page.waitForLoadState();
  return response.status();
}

async function rinaTracks(page: Page) {
  await page.goto('/lacak');
  await page.fill('#reference', reference);
  await page.fill('#tracking_code', code);
  expect(await lacak(page, 'track')).toBe(200);
}

describe.skipIf(!available)(
  'an aduan is forwarded, answered with a template, reopened and answered again',
  () => {
    it('Rina files her complaint on her phone', { timeout: 60_000 }, async () => {
      const context = await newScreen('phone', false);
      const page = await context.newPage();
      await page.goto('/aduan');
      await page.selectOption('#program', 'BPNT');
      await page.check('#problem-1');
      await page.fill(
        '#description',
        'Kartu KKS terblokir setelah salah PIN tiga kali, saldo tidak bisa dipakai.',
      );
      await page.fill('#contact-name', 'Rina Wulandari');
      await page.fill('#contact-email', EMAIL);
      await page.check('#consent-input');
      await page.locator('form[action="/aduan"] button[type="submit"]').click();
      await page.waitForLoadState();
      reference = (await page.locator('.reference').textContent({ timeout: 10_000 })) ?? '';
      code = (await page.locator('.tracking-code').textContent()) ?? '';
      expect(reference).toMatch(/^ADU-/);
      await context.close();
    });

    it('the desk forwards it on a phone without scripts and answers with a template it edits', {
      timeout: 180_000,
    }, async () => {
      const desk = await deskOnTheCase('phone', false);
      const { page } = desk;
      expect(await page.locator('form.move h3').allTextContents()).toEqual([
        'Ke: Diteruskan ke unit terkait',
        'Ke: Ditutup karena sama dengan aduan lain',
      ]);
      // An internal note first: the desk's own record, never Rina's.
      await page.locator('#note-text').fill(INTERNAL);
      await page.check('#note-aud-internal');
      await page.click('button:has-text("Simpan catatan")');
      await forwardAndFollowUp(page, 'Aduan Anda kami teruskan ke bank penyalur.');

      // Without scripts, "Pakai templat" posts the form and it comes back with the text in it.
      const answer = page.locator('#move-selesai-answer');
      await page.locator('#move-selesai-template').selectOption({ label: 'KKS terblokir' });
      await page.locator('#move-selesai button[name=use_template]').click();
      await page.waitForLoadState();
      expect(await page.locator('p.notice[role=status]').textContent()).toContain('Teks templat dimasukkan');
      const text = await answer.inputValue();
      expect(text).toContain('Datang ke bank penyalur dengan KTP dan KKS');
      expect(await noWiderThan(page)).toBeLessThanOrEqual(360);
      // (axe-core needs scripts: the same page is checked at the desk below.)
      await answer.fill(`${text} ${EDITED}`);
      await page.locator('#move-selesai button.button:not([name])').click();
      await saved(page);
      await desk.context.close();
    });

    it('Rina reads the answer and reopens it on /lacak; her phone says the bank has it again', {
      timeout: 60_000,
    }, async () => {
      const context = await newScreen('phone', false);
      const page = await context.newPage();
      await rinaTracks(page);
      const shown = (await page.locator('ol.timeline').textContent()) ?? '';
      expect(shown).toContain('Datang ke bank penyalur dengan KTP dan KKS');
      expect(shown).toContain(EDITED);
      await page.fill('#reason', 'Sudah ke bank, katanya data belum diperbarui dari Dinas Sosial.');
      expect(await lacak(page, 'reopen')).toBe(200);
      // Back at the bank's step, not at the desk's first one.
      expect(((await page.locator('.result .status').textContent()) ?? '').toLowerCase()).toBe(
        'sedang ditindaklanjuti',
      );
      expect(await page.locator('.result .notice[role=status]').textContent()).toContain(
        'Sedang ditangani: Bank penyalur',
      );
      const reopening = page.locator('ol.timeline li.from-resident').last();
      expect(await reopening.textContent()).toContain('data belum diperbarui');
      expect(await reopening.locator('.now-with').textContent()).toBe('Sedang ditangani: Bank penyalur');
      expect(await reopening.locator('.now-with').isVisible()).toBe(true);
      expect(await noWiderThan(page)).toBeLessThanOrEqual(360);
      await context.close();
    });

    it('the desk answers again at a desk screen, the template filled in place by the script', {
      timeout: 180_000,
    }, async () => {
      const desk = await deskOnTheCase('desk', true);
      const { page } = desk;
      expect(await axeViolations(page)).toEqual([]);
      // The reopening is in the log with where it went and its new deadline; the bank holds it.
      const facts = (await page.locator('dl.facts').first().textContent()) ?? '';
      expect(facts).toContain('Bank penyalur');
      const reopened = (await page.locator('ol.timeline p.reopened').textContent()) ?? '';
      expect(reopened).toMatch(
        /^Dibuka kembali oleh warga \(ke-1\)\. Sekarang di: Bank penyalur\. Batas waktu baru: \d{1,2} \p{L}+ \d{4}\.$/u,
      );
      await page.locator('#move-selesai-template').selectOption({ label: 'Dana belum masuk' });
      const before = page.url();
      await page.locator('#move-selesai button[name=use_template]').click();
      // Filled in place: no request, the page stays.
      await expect.poll(() => page.locator('#move-selesai-answer').inputValue()).toContain('Periksa saldo');
      expect(page.url()).toBe(before);
      await page
        .locator('#move-selesai-answer')
        .fill('Data sudah diperbarui; saldo masuk pada penyaluran berikutnya.');
      await page.locator('#move-selesai button.button:not([name])').click();
      await saved(page);
      expect(await noWiderThan(page)).toBeLessThanOrEqual(1280);
      await page.goto('/petugas/templat');
      expect(await page.locator('h1').textContent()).toBe('Templat jawaban');
      expect(await axeViolations(page)).toEqual([]);
      await desk.context.close();
    });

    it('Rina’s Lacak shows each step with the notes meant for her, at 360 px and 1280 px', {
      timeout: 60_000,
    }, async () => {
      for (const screen of ['phone', 'desk'] as const) {
        const context = await newScreen(screen, screen === 'desk');
        const page = await context.newPage();
        await rinaTracks(page);
        const steps = (await page.locator('ol.timeline li strong').allTextContents()).map((s) =>
          s.toLowerCase(),
        );
        expect(steps).toEqual([
          'diterima, menunggu diteruskan petugas slrt',
          'diteruskan ke unit terkait',
          'sedang ditindaklanjuti',
          'selesai',
          // Her reopening stands as her own reply (issue 11 §9), the case back with the bank.
          'dari anda',
          'selesai',
        ]);
        expect(await page.locator('ol.timeline .now-with').allTextContents()).toEqual([
          'Sedang ditangani: Bank penyalur',
        ]);
        const shown = (await page.locator('ol.timeline').textContent()) ?? '';
        expect(shown).toContain('Aduan Anda kami teruskan ke bank penyalur.');
        expect(shown).toContain(EDITED);
        expect(shown).toContain('katanya data belum diperbarui');
        expect(shown).toContain('saldo masuk pada penyaluran berikutnya');
        expect(shown).not.toContain('Pak Hadi');
        expect(await page.locator('button[name="action"][value="reopen"]').count()).toBe(0);
        expect(await noWiderThan(page)).toBeLessThanOrEqual(screen === 'phone' ? 360 : 1280);
        await context.close();
      }
    });

    it('e-mails Rina once for each step she sees, with her reference and nothing personal', {
      timeout: 60_000,
    }, async () => {
      // Forward, follow-up and answer, her own reopening, the second answer; the internal note sends nothing.
      await expect.poll(() => smtp.mails.length, { timeout: 30_000 }).toBe(5);
      for (const mail of smtp.mails) {
        expect(mail.to).toEqual([EMAIL]);
        expect(mail.raw).toContain(reference);
        expect(mail.raw).not.toMatch(/Pak Hadi|Wulandari/);
      }
    });
  },
);
