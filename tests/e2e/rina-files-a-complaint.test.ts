// Rina's PKH money did not arrive. She files an SLRT complaint from her phone, with JavaScript on
// and off: her first description is far too long (she is told, beside the field, and keeps all of
// it), she writes in several scripts with emoji, attaches the wrong file first (a GIF, then a web
// page renamed photo.jpg) and is told why with nothing else lost, then a real PNG. Her receipt names
// the files that arrived; on a slow line the page says it is sending, and sends once.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseFile, openSqlite } from '../../src/db/database.ts';
import { type BrowserEnv, browserTestsAvailable, startBrowserEnv } from '../support/browser.ts';
import { tinyPng } from '../support/ticket-fixtures.ts';

const available = browserTestsAvailable();
let env: BrowserEnv;
let files: { gif: string; fakeJpeg: string; png: string };
let fileDir: string;

const GIF = 'R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7';
const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const MIXED = 'Dana PKH belum masuk 😢🙏🏽 — الأموال لم تصل — הכסף לא הגיע. Mohon dibantu 👍';

beforeAll(async () => {
  if (!available) return;
  env = await startBrowserEnv();
  fileDir = mkdtempSync(path.join(tmpdir(), 'rina-files-'));
  files = {
    gif: path.join(fileDir, 'kartu.gif'),
    fakeJpeg: path.join(fileDir, 'photo.jpg'),
    png: path.join(fileDir, 'bukti.png'),
  };
  writeFileSync(files.gif, Buffer.from(GIF, 'base64'));
  writeFileSync(files.fakeJpeg, '<!doctype html><html><body><script>alert(1)</script>photo</body></html>');
  writeFileSync(files.png, Buffer.from(PNG, 'base64'));
});
afterAll(async () => {
  if (!available) return;
  await env.close();
  rmSync(fileDir, { recursive: true, force: true });
});

async function fillComplaint(page: Page, description: string) {
  await page.selectOption('#program', 'PKH');
  await page.check('#problem-0');
  await page.fill('#description', description);
  await page.fill('#contact-name', 'Rina Wati');
  await page.fill('#contact-phone', '0813 1111 2222');
  await page.check('#consent-input');
}

async function expectKept(page: Page, description: string) {
  expect(await page.inputValue('#program')).toBe('PKH');
  expect(await page.locator('#problem-0').isChecked()).toBe(true);
  expect(await page.inputValue('#description')).toBe(description);
  expect(await page.inputValue('#contact-name')).toBe('Rina Wati');
  expect(await page.inputValue('#contact-phone')).toBe('0813 1111 2222');
  expect(await page.locator('#consent-input').isChecked()).toBe(true);
}

/** Presses Kirim and returns the HTTP status of the page that answered. */
async function submit(page: Page): Promise<number> {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/aduan'),
    page.locator('form[action="/aduan"] button[type="submit"]').click(),
  ]);
  await page.waitForLoadState();
  return response.status();
}

async function expectReceipt(page: Page): Promise<string> {
  const reference = (await page.locator('.reference').textContent({ timeout: 10_000 })) ?? '';
  expect(reference).toMatch(/^ADU-[A-Z0-9]+$/);
  expect(await page.locator('.tracking-code').textContent()).toMatch(/\S{5,}/);
  expect(await page.locator('main').textContent()).toMatch(
    /paling lambat (\d{4}-\d{2}-\d{2}|\d{1,2} \p{L}+ \d{4})/u,
  );
  expect(await page.locator('figure.qr img').getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  return reference;
}

async function attachmentsOf(reference: string) {
  const { db } = openSqlite(databaseFile(env.dataDir));
  try {
    return await db
      .selectFrom('ticket_attachments as a')
      .innerJoin('ticket_submissions as s', 's.id', 'a.submission_id')
      .select(['a.content_type', 'a.purpose', 'a.stored_name'])
      .where('s.reference', '=', reference)
      .execute();
  } finally {
    await db.destroy();
  }
}

describe.skipIf(!available).each([{ javaScript: true }, { javaScript: false }])(
  'Rina files a complaint (JavaScript $javaScript)',
  ({ javaScript }) => {
    it('is told beside the field that 10,000 characters are too many, keeps them all, then sends emoji and RTL text', async () => {
      const { page } = await env.phone({ javaScript });
      await page.goto('/aduan');
      const long = 'Dana PKH tahap dua belum saya terima. '.repeat(300).slice(0, 10_000);
      expect(long).toHaveLength(10_000);
      await fillComplaint(page, long);
      expect(await submit(page)).toBe(422);
      expect(await page.locator('#description-error').textContent()).toContain('maksimal 4000');
      expect(await page.locator('.error-summary').isVisible()).toBe(true);
      expect((await page.inputValue('#description')).length).toBe(10_000);
      await expectKept(page, long);

      await page.fill('#description', MIXED);
      expect(await submit(page)).toBe(200);
      await expectReceipt(page);
      expect(await page.locator('.receipt').textContent()).toContain(MIXED);
    });

    it('stores emoji sequences and RTL text exactly as typed', async () => {
      // A family emoji is joined by U+200D; Persian "نیم‌فاصله" needs U+200C between its parts.
      const typed = 'Keluarga kami 👨\u200d👩\u200d👧 belum menerima. نیم\u200cفاصله — שלום עליכם';
      const { page } = await env.phone({ javaScript });
      await page.goto('/aduan');
      await fillComplaint(page, typed);
      expect(await submit(page)).toBe(200);
      const reference = await expectReceipt(page);
      expect(await page.locator('.receipt').textContent()).toContain(typed);
      const { db } = openSqlite(databaseFile(env.dataDir));
      try {
        const row = await db
          .selectFrom('ticket_submissions')
          .select('payload')
          .where('reference', '=', reference)
          .executeTakeFirstOrThrow();
        expect((JSON.parse(row.payload) as { description: string }).description).toBe(typed);
      } finally {
        await db.destroy();
      }
    });

    it('refuses a GIF and a web page named photo.jpg with the reason by the field, then takes a PNG', async () => {
      const { page } = await env.phone({ javaScript });
      const dialogs: string[] = [];
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      await page.goto('/aduan');
      const description = 'Kartu KKS saya terblokir sejak bulan lalu, saldo tidak bisa diambil.';
      await fillComplaint(page, description);

      for (const wrong of [files.gif, files.fakeJpeg]) {
        await page.setInputFiles('#lampiran_1', wrong);
        expect(await submit(page), wrong).toBe(415);
        expect(await page.locator('#lampiran_1-error').textContent()).toContain('JPEG, PNG, WebP atau PDF');
        expect(await page.locator('.error-summary').isVisible()).toBe(true);
        expect(await page.locator('.reference').count()).toBe(0);
        await expectKept(page, description);
      }

      await page.setInputFiles('#lampiran_1', files.png);
      expect(await submit(page)).toBe(200);
      const reference = await expectReceipt(page);
      const stored = await attachmentsOf(reference);
      expect(stored).toHaveLength(1);
      expect(stored[0]?.content_type).toBe('image/png');
      expect(stored[0]?.stored_name).not.toContain('bukti');
      expect(dialogs).toEqual([]);
    });

    it('her receipt names each file she sent, as her phone named it, with its size; her text is the description', async () => {
      const { page } = await env.phone({ javaScript });
      const dialogs: string[] = [];
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      await page.goto('/aduan');
      // Beside the button, with or without JavaScript: what a slow line means, and to press once.
      const button = page.locator('form[action="/aduan"] button[type="submit"]');
      expect(await page.locator('#send-note').textContent()).toContain(
        'Foto besar bisa lama terkirim bila sinyal lemah. Tekan tombol kirim sekali saja',
      );
      expect(await button.getAttribute('aria-describedby')).toBe('send-note');
      await fillComplaint(page, 'Dana PKH belum masuk; bukti transfer dan saldo terlampir.');
      // File names are her input too: markup, a direction override, emoji, and one far too long.
      const marked = '<img src=x onerror=alert(1)> saldo 😢\u202egpj.png';
      const long = `${'bukti-transfer-bank-'.repeat(20)}akhir.png`;
      await page.setInputFiles('#lampiran_1', files.png);
      await page.setInputFiles('#lampiran_2', {
        name: marked,
        mimeType: 'image/png',
        buffer: Buffer.from(tinyPng(1_288_490)),
      });
      await page.setInputFiles('#lampiran_3', {
        name: long,
        mimeType: 'image/png',
        buffer: Buffer.from(tinyPng(3400)),
      });
      expect(await submit(page)).toBe(200);
      await expectReceipt(page);

      expect(await page.locator('#receipt-files').textContent()).toBe('Berkas yang Anda kirim: 3');
      const listed = await page.locator('.receipt .sent-files li').allTextContents();
      expect(listed[0]).toBe(`bukti.png (${Buffer.from(PNG, 'base64').length} byte)`);
      // The size as sent (1,2 MB), not as stored after the photo was re-encoded.
      expect(listed[1]).toBe('<img src=x onerror=alert(1)> saldo 😢gpj.png (1,2 MB)');
      expect(listed[2]).toMatch(/^bukti-transfer-bank-(bukti-transfer-bank-)+.*…[a-z-]*akhir\.png \(3 KB\)$/);
      expect(listed).toHaveLength(3);
      expect(await page.locator('.receipt .sent-files img').count()).toBe(0);
      const shown = (await page.locator('.receipt').textContent()) ?? '';
      expect(shown).not.toContain('\u202e');
      // The description is labelled as what it is, not with the form's instruction.
      expect(await page.locator('.receipt dt').allTextContents()).toContain('Uraian aduan');
      expect(shown).not.toContain('Ceritakan dengan jelas');
      expect(dialogs).toEqual([]);
    });

    it.runIf(javaScript)(
      'a slow send shows "Mengirim…" on a button that cannot send twice, and makes one ticket',
      async () => {
        const { page } = await env.phone({ javaScript });
        await page.goto('/aduan');
        const description = `Saldo KKS kosong, foto saldo terlampir (${randomUUID()}).`;
        await fillComplaint(page, description);
        // 60 KB at 40 KB/s: about a second and a half on its way.
        await page.setInputFiles('#lampiran_1', {
          name: 'saldo.png',
          mimeType: 'image/png',
          buffer: Buffer.from(tinyPng(60_000)),
        });
        // While a post is on its way the browser answers no questions from the test, so the page
        // notes what it shows, every 50 ms, where the next page can read it; and once it shows
        // "sending", it tries to send again, as a second press or Enter in a field would.
        await page.evaluate(() => {
          const form = document.querySelector<HTMLFormElement>('form[action="/aduan"]');
          const button = form?.querySelector<HTMLButtonElement>('button[type="submit"]');
          const status = form?.querySelector('[role="status"][data-sending-status]');
          let pressedAgain = false;
          setInterval(() => {
            const seen = JSON.parse(sessionStorage.getItem('seen') ?? '[]');
            seen.push({
              at: Date.now(),
              disabled: button?.disabled,
              text: button?.textContent,
              progress: status?.querySelectorAll('progress').length,
              status: status?.textContent,
            });
            sessionStorage.setItem('seen', JSON.stringify(seen));
            if (button?.disabled && !pressedAgain) {
              pressedAgain = true;
              form?.requestSubmit();
            }
          }, 50);
        });
        const cdp = await page.context().newCDPSession(page);
        await cdp.send('Network.enable');
        await cdp.send('Network.emulateNetworkConditions', {
          offline: false,
          latency: 100,
          downloadThroughput: -1,
          uploadThroughput: 40_000,
        });
        const posts: number[] = [];
        let answeredAt = 0;
        page.on('request', (r) => {
          if (r.method() === 'POST') posts.push(Date.now());
        });
        page.on('response', (r) => {
          if (r.request().method() === 'POST') answeredAt = Date.now();
        });
        await page.locator('form[action="/aduan"] button[type="submit"]').dblclick();
        await page.locator('.reference').waitFor({ timeout: 15_000 });
        expect(posts).toHaveLength(1);
        type Seen = { at: number; disabled: boolean; text: string; progress: number; status: string };
        const seen = JSON.parse(
          (await page.evaluate(() => sessionStorage.getItem('seen'))) ?? '[]',
        ) as Seen[];
        const sending = seen.filter((s) => s.at < answeredAt && s.disabled);
        // Shown for most of the wait, and never ready to send again before the answer came.
        expect(sending.length, JSON.stringify(seen)).toBeGreaterThan(10);
        for (const s of sending) {
          expect(s).toMatchObject({ text: 'Mengirim…', progress: 1 });
          expect(s.status).toContain('Sedang mengirim');
        }
        const first = sending[0]?.at ?? 0;
        expect(seen.filter((s) => s.at >= first && s.at < answeredAt && !s.disabled)).toEqual([]);
        const { db } = openSqlite(databaseFile(env.dataDir));
        try {
          const rows = await db
            .selectFrom('ticket_submissions')
            .select('reference')
            .where('payload', 'like', `%${description.slice(-40, -2)}%`)
            .execute();
          expect(rows).toHaveLength(1);
        } finally {
          await db.destroy();
        }
      },
    );
  },
);
