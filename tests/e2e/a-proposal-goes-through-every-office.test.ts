// Ani proposes her household; in a real browser the RT head verifies it on his phone (scripts off),
// the kelurahan operator records the Musyawarah and the field verification at her desk, and the
// Dinas Sosial validates and decides. Ani's Lacak page shows every step with the notes meant for
// her and none of the internal ones, and an e-mail reaches her (in an SMTP server started here)
// for each step she may see. The back-office pages pass axe-core.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../src/demo/demo-accounts.ts';
import { axeViolations } from '../support/axe.ts';
import { browserTestsAvailable, launchChromium } from '../support/browser.ts';
import { type BuiltServer, builtServerAvailable, startBuiltServer } from '../support/built-server.ts';
import { type SmtpReceiver, startSmtpReceiver } from '../support/notification-receivers.ts';
import { usulanBody } from '../support/ticket-fixtures.ts';

const available = builtServerAvailable() && browserTestsAvailable();
const EMAIL = 'ani.lestari@example.com';
const INTERNAL = 'Rumah kontrakan; pemilik tinggal di Surabaya.';

let server: BuiltServer;
let smtp: SmtpReceiver;
let browser: Browser;
let receipt: { reference: string; tracking_code: string };

beforeAll(async () => {
  if (!available) return;
  smtp = await startSmtpReceiver();
  server = await startBuiltServer({
    SMTP_URL: smtp.url,
    SMTP_FROM: 'Dinas Sosial <noreply@dinsos.example.go.id>',
    OUTBOX_INTERVAL_SECONDS: '1',
  });
  browser = await launchChromium();
  const response = await fetch(`${server.url}/api/v1/usulan`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(usulanBody({ village_code: '35.76.02.1010', rt: '8', rw: '4', email: EMAIL })),
  });
  expect(response.status).toBe(201);
  receipt = (await response.json()) as typeof receipt;
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await smtp?.close();
});

/** An officer's browser: signed in through the login form, on the case of Ani's proposal. */
async function officerOnTheCase(username: string, screen: 'phone' | 'desk', javaScript = true) {
  const account = DEMO_ACCOUNTS.find((a) => a.username === username);
  const context = await browser.newContext({
    viewport: screen === 'phone' ? { width: 360, height: 800 } : { width: 1280, height: 800 },
    javaScriptEnabled: javaScript,
    baseURL: server.url,
    locale: 'id-ID',
    bypassCSP: true,
  });
  const page = await context.newPage();
  await page.goto('/petugas');
  expect(new URL(page.url()).pathname).toBe('/petugas/masuk');
  await page.fill('#username', username);
  await page.fill('#password', account?.password ?? '');
  await page.click('button[type=submit]:has-text("Masuk")');
  await page.waitForURL(/\/petugas$/);
  // The filters live in the URL: a bookmarked search works like the form.
  await page.goto(`/petugas?q=${receipt.reference}`);
  await page.click(`a:has-text("${receipt.reference}")`);
  await page.waitForURL(/\/petugas\/tiket\/\d+$/);
  return { context, page };
}

async function move(page: Page, to: string, note?: { text: string; audience: 'resident' | 'internal' }) {
  const form = page.locator(`#move-${to}`);
  if (note) {
    await form.locator('textarea[name=note]').fill(note.text);
    await page.check(`#move-${to}-aud-${note.audience}`);
  }
  await form.locator('button[type=submit]:not([name=use_template])').click();
  await expect.poll(() => page.locator('p.notice[role=status]').textContent()).toContain('Langkah tersimpan');
}

describe.skipIf(!available)('a proposal goes through every office', () => {
  it('is verified, discussed, visited, validated and decided by the offices in turn', {
    timeout: 240_000,
  }, async () => {
    const rt = await officerOnTheCase('rt008.wates', 'phone', false);
    // The case page shows the proposal unmasked and only the RT/RW's moves.
    await expect.poll(() => rt.page.locator('h1').textContent()).toContain(receipt.reference);
    expect(await rt.page.locator('form.move h3').allTextContents()).toEqual([
      'Ke: Diverifikasi RT/RW, menunggu Musyawarah Kelurahan',
      'Ke: Ditolak',
      'Ke: Perlu perbaikan dari Anda',
      'Ke: Ditutup karena sama dengan usulan lain',
    ]);
    expect(await rt.page.content()).toContain('Slamet Widodo');
    // A note without saying who reads it is refused, and what was typed stays.
    await rt.page.locator('#note-text').fill(INTERNAL);
    await rt.page.click('button:has-text("Simpan catatan")');
    expect(await rt.page.locator('.error-summary').textContent()).toContain(
      'Pilih siapa yang membaca catatan ini',
    );
    expect(await rt.page.locator('#note-text').inputValue()).toBe(INTERNAL);
    await rt.page.check('#note-aud-internal');
    await rt.page.click('button:has-text("Simpan catatan")');
    await move(rt.page, 'diverifikasi_rt_rw', { text: 'Benar warga RT 008 RW 004.', audience: 'resident' });
    await rt.context.close();

    const kel = await officerOnTheCase('kel.wates', 'desk');
    expect(await axeViolations(kel.page)).toEqual([]);
    await move(kel.page, 'dibahas_musyawarah_kelurahan', {
      text: 'Dibahas pada Musyawarah Kelurahan 1 Desember 2026.',
      audience: 'resident',
    });
    await move(kel.page, 'verifikasi_lapangan');
    await move(kel.page, 'validasi_dtks', {
      text: 'Hasil kunjungan rumah: memenuhi kriteria.',
      audience: 'resident',
    });
    await kel.context.close();

    const dinsos = await officerOnTheCase('dinsos.mojokerto', 'desk');
    expect(await dinsos.page.locator('.timeline li.internal').count()).toBe(1);
    await move(dinsos.page, 'disahkan_kepala_daerah');
    await move(dinsos.page, 'diusulkan_ke_kemensos', {
      text: 'Diunggah melalui SIKS-NG.',
      audience: 'internal',
    });
    await move(dinsos.page, 'ditetapkan', { text: 'Ditetapkan masuk DTKS.', audience: 'resident' });
    await dinsos.page.goto('/petugas');
    expect(await axeViolations(dinsos.page)).toEqual([]);
    await dinsos.context.close();
  });

  it('shows Ani every step with the notes meant for her, on her phone without scripts', {
    timeout: 60_000,
  }, async () => {
    const context = await browser.newContext({
      viewport: { width: 360, height: 800 },
      javaScriptEnabled: false,
      baseURL: server.url,
      locale: 'id-ID',
    });
    const page = await context.newPage();
    await page.goto('/lacak');
    await page.fill('#reference', receipt.reference);
    await page.fill('#tracking_code', receipt.tracking_code);
    await page.click('button[type=submit]');
    const steps = await page.locator('.timeline li strong').allTextContents();
    expect(steps).toEqual([
      'Diajukan, menunggu verifikasi RT/RW',
      'Diverifikasi RT/RW, menunggu Musyawarah Kelurahan',
      'Dibahas di Musyawarah Kelurahan, menunggu verifikasi lapangan',
      'Verifikasi lapangan oleh kelurahan',
      'Validasi DTKS oleh Dinas Sosial',
      'Disahkan kepala daerah, menunggu diusulkan ke Kemensos',
      'Diusulkan ke Kemensos, menunggu penetapan',
      'Ditetapkan masuk DTKS',
    ]);
    const text = await page.locator('.timeline').textContent();
    expect(text).toContain('Benar warga RT 008 RW 004.');
    expect(text).toContain('Dibahas pada Musyawarah Kelurahan 1 Desember 2026.');
    expect(text).toContain('Ditetapkan masuk DTKS.');
    expect(text).not.toContain('kontrakan');
    expect(text).not.toContain('SIKS-NG');
    await context.close();
  });

  it('e-mails Ani once for each step she may see, with her reference and nothing personal', {
    timeout: 60_000,
  }, async () => {
    // Seven moves, all visible to her; internal notes send nothing.
    await expect.poll(() => smtp.mails.length, { timeout: 30_000 }).toBe(7);
    for (const mail of smtp.mails) {
      expect(mail.to).toEqual([EMAIL]);
      expect(mail.raw).toContain(receipt.reference);
      expect(mail.raw).not.toMatch(/kontrakan|SIKS-NG|Slamet|\d{16}/);
    }
  });
});
